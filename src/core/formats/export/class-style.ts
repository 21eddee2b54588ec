// How each CI class looks in the drawing formats (GraphML for yEd, GEXF viz colour, DOT).
import type { CiClass } from '../../../shared/model';

export interface ClassStyle {
  /** Fill colour, #rrggbb. */
  readonly color: string;
  /** A y:Shape type yEd knows. */
  readonly yedShape: string;
  /** A Graphviz node shape. */
  readonly dotShape: string;
}

export const CLASS_STYLES: Readonly<Record<CiClass, ClassStyle>> = {
  business_service: { color: '#F4B942', yedShape: 'hexagon', dotShape: 'hexagon' },
  technical_service: { color: '#F7D488', yedShape: 'octagon', dotShape: 'octagon' },
  application: { color: '#7EB6E8', yedShape: 'roundrectangle', dotShape: 'component' },
  database: { color: '#9BD39B', yedShape: 'ellipse', dotShape: 'cylinder' },
  server: { color: '#C9C9C9', yedShape: 'rectangle3d', dotShape: 'box3d' },
  virtual_machine: { color: '#D9D2E9', yedShape: 'rectangle', dotShape: 'box' },
  container: { color: '#B4E1E8', yedShape: 'rectangle', dotShape: 'tab' },
  cluster: { color: '#E6B8AF', yedShape: 'octagon', dotShape: 'doubleoctagon' },
  load_balancer: { color: '#F9CB9C', yedShape: 'diamond', dotShape: 'diamond' },
  network_device: { color: '#FFE599', yedShape: 'parallelogram', dotShape: 'parallelogram' },
  storage: { color: '#A2C4C9', yedShape: 'trapezoid', dotShape: 'folder' },
  cloud_resource: { color: '#CFE2F3', yedShape: 'ellipse', dotShape: 'ellipse' },
  site: { color: '#D5A6BD', yedShape: 'triangle', dotShape: 'house' },
  message_queue: { color: '#B6D7A8', yedShape: 'parallelogram2', dotShape: 'cds' },
  cache: { color: '#FFF2CC', yedShape: 'roundrectangle', dotShape: 'note' },
};

/** { r, g, b } of a #rrggbb colour. */
export function rgbOf(color: string): { r: number; g: number; b: number } {
  const value = Number.parseInt(color.slice(1), 16);
  return { r: (value >> 16) & 0xff, g: (value >> 8) & 0xff, b: value & 0xff };
}
