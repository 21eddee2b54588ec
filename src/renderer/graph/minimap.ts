// An overview of a large view in the canvas's corner: every node as a dot in its class colour and
// the part on screen as a rectangle; clicking or dragging on it moves the view there. Shown from
// MINIMAP_NODES nodes (a small view is seen whole anyway), foldable to a small "Overview" button;
// the fit leaves its corner free (fit.ts). The dots are redrawn after a layout, the rectangle on
// every pan and zoom.
import type { Core } from 'cytoscape';
import { CLASS_STYLES } from './class-style';
import type { CiClass } from '../../shared/model';

export const MINIMAP_NODES = 150;
const WIDTH = 180;
const HEIGHT = 120;
const PAD = 6;
/** Its distance from the canvas's right and bottom edges (app.css .minimap-box). */
const INSET = 12;
/** The corner a fit must leave free while the overview is open: its size and its inset. */
export const MINIMAP_ROOM = { width: WIDTH + INSET, height: HEIGHT + INSET } as const;

export class Minimap {
  private readonly panel = document.createElement('div');
  private readonly canvas = document.createElement('canvas');
  private readonly toggle = document.createElement('button');
  private folded = false;
  private readonly dots = document.createElement('canvas');
  private frame = 0;
  private dotsStale = true;
  private box = { x1: 0, y1: 0, w: 1, h: 1, scale: 1, ox: 0, oy: 0 };

  constructor(
    private readonly cy: Core,
    host: HTMLElement,
    private readonly colours: { background: string; border: string; viewport: string },
  ) {
    const ratio = window.devicePixelRatio || 1;
    for (const c of [this.canvas, this.dots]) {
      c.width = WIDTH * ratio;
      c.height = HEIGHT * ratio;
    }
    this.panel.className = 'minimap-box';
    this.panel.dataset.testid = 'minimap-box';
    this.canvas.className = 'minimap';
    this.canvas.dataset.testid = 'minimap';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Overview of the whole graph; click to move the view');
    this.toggle.type = 'button';
    this.toggle.className = 'minimap-toggle';
    this.toggle.dataset.testid = 'minimap-toggle';
    this.toggle.addEventListener('click', () => this.setFolded(!this.folded));
    this.panel.append(this.canvas, this.toggle);
    host.append(this.panel);
    this.setFolded(false);
    this.canvas.addEventListener('pointerdown', this.onPointer);
    this.canvas.addEventListener('pointermove', this.onPointerMove);
    cy.on('viewport resize', this.schedule);
    cy.on('add remove layoutstop', this.restale);
    this.restale();
  }

  setColours(colours: { background: string; border: string; viewport: string }): void {
    Object.assign(this.colours, colours);
    this.restale();
  }

  detach(): void {
    cancelAnimationFrame(this.frame);
    this.cy.off('viewport resize', this.schedule);
    this.cy.off('add remove layoutstop', this.restale);
    this.panel.remove();
  }

  /** Whether the overview is on the canvas, open: a fit keeps MINIMAP_ROOM free then. */
  get open(): boolean {
    return !this.folded && this.wanted();
  }

  private wanted(): boolean {
    return this.cy.nodes().length >= MINIMAP_NODES;
  }

  private setFolded(folded: boolean): void {
    this.folded = folded;
    this.canvas.hidden = folded;
    this.panel.classList.toggle('folded', folded);
    this.toggle.textContent = folded ? 'Overview' : '×';
    const what = folded ? 'Show the overview' : 'Hide the overview';
    this.toggle.title = what;
    this.toggle.setAttribute('aria-label', what);
    this.toggle.setAttribute('aria-expanded', String(!folded));
    this.restale();
  }

  private readonly restale = () => {
    this.dotsStale = true;
    this.schedule();
  };

  private readonly schedule = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  };

  private draw(): void {
    if (this.cy.destroyed()) return;
    const shown = this.wanted();
    this.panel.hidden = !shown;
    if (!shown || this.folded) return;
    const ratio = window.devicePixelRatio || 1;
    if (this.dotsStale) this.drawDots(ratio);
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.drawImage(this.dots, 0, 0);
    const ext = this.cy.extent();
    const { scale, ox, oy, x1, y1 } = this.box;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.strokeStyle = this.colours.viewport;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(ox + (ext.x1 - x1) * scale, oy + (ext.y1 - y1) * scale, ext.w * scale, ext.h * scale);
  }

  private drawDots(ratio: number): void {
    this.dotsStale = false;
    const bb = this.cy.nodes().boundingBox();
    const scale = Math.min((WIDTH - 2 * PAD) / Math.max(1, bb.w), (HEIGHT - 2 * PAD) / Math.max(1, bb.h));
    this.box = { x1: bb.x1, y1: bb.y1, w: bb.w, h: bb.h, scale, ox: (WIDTH - bb.w * scale) / 2, oy: (HEIGHT - bb.h * scale) / 2 };
    const ctx = this.dots.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = this.colours.background;
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    ctx.strokeStyle = this.colours.border;
    ctx.strokeRect(0.5, 0.5, WIDTH - 1, HEIGHT - 1);
    this.cy.nodes().forEach((node) => {
      const p = node.position();
      ctx.fillStyle = CLASS_STYLES[node.data('ciClass') as CiClass]?.colour ?? this.colours.border;
      ctx.fillRect(this.box.ox + (p.x - bb.x1) * scale - 1, this.box.oy + (p.y - bb.y1) * scale - 1, 2.5, 2.5);
    });
  }

  private readonly onPointer = (event: PointerEvent) => {
    this.canvas.setPointerCapture(event.pointerId);
    this.panTo(event);
  };

  private readonly onPointerMove = (event: PointerEvent) => {
    if (event.buttons & 1) this.panTo(event);
  };

  /** Centres the view on the graph point under the pointer. */
  private panTo(event: PointerEvent): void {
    const rect = this.canvas.getBoundingClientRect();
    const { scale, ox, oy, x1, y1 } = this.box;
    const x = x1 + (event.clientX - rect.left - ox) / scale;
    const y = y1 + (event.clientY - rect.top - oy) / scale;
    const zoom = this.cy.zoom();
    this.cy.stop();
    this.cy.pan({ x: this.cy.width() / 2 - x * zoom, y: this.cy.height() / 2 - y * zoom });
  }
}
