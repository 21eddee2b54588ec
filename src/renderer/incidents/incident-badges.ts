// Badges on the Explore graph: each CI with open incidents gets a ring coloured by the highest
// priority among them (incident-p1 red, -p2 orange, -p3 amber for P3–P5), re-applied when
// elements are added and when the incidents change; window.__faultlineIncidents for e2e tests.
import type { Core } from 'cytoscape';
import { INCIDENT_BADGES, incidentBadges } from './incident-list-model';
import { useIncidentsStore } from './incidents-store';
import { syncClasses } from '../graph/class-sync';

declare global {
  interface Window {
    __faultlineIncidents?: { badged(cls: string): string[] };
  }
}

export class IncidentBadgeOverlay {
  private badges = new Map<string, string>();
  private queued = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly cy: Core) {
    this.unsubscribe = useIncidentsStore.subscribe((state, previous) => {
      if (state.items !== previous.items || state.badgesOn !== previous.badgesOn) this.update();
    });
    cy.on('add', 'node', this.onAdd);
    window.__faultlineIncidents = Object.freeze({ badged: (cls: string) => cy.nodes(`.${cls}`).map((n) => n.id()).sort() });
    this.update();
  }

  detach(): void {
    this.unsubscribe();
    this.cy.off('add', 'node', this.onAdd);
    delete window.__faultlineIncidents;
  }

  private update(): void {
    const { items, badgesOn } = useIncidentsStore.getState();
    this.badges = badgesOn && items ? incidentBadges(items) : new Map();
    this.apply();
  }

  /** Once for all the nodes added in one go ('add' fires per node). */
  private readonly onAdd = () => {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      if (!this.cy.destroyed()) this.apply();
    });
  };

  private apply(): void {
    const none: readonly string[] = [];
    syncClasses(this.cy, this.cy.elements('node'), INCIDENT_BADGES, (node) => {
      const cls = this.badges.get(node.id());
      return cls ? [cls] : none;
    });
  }
}
