// Badges on the Explore graph: each CI with open incidents gets a ring coloured by the highest
// priority among them (incident-p1 red, -p2 orange, -p3 amber for P3–P5), re-applied when
// elements are added and when the incidents change; window.__faultlineIncidents for e2e tests.
import type { Core } from 'cytoscape';
import { INCIDENT_BADGES, incidentBadges } from './incident-list-model';
import { useIncidentsStore } from './incidents-store';

declare global {
  interface Window {
    __faultlineIncidents?: { badged(cls: string): string[] };
  }
}

const ALL = INCIDENT_BADGES.join(' ');

export class IncidentBadgeOverlay {
  private badges = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly cy: Core) {
    this.unsubscribe = useIncidentsStore.subscribe((state, previous) => {
      if (state.items !== previous.items || state.badgesOn !== previous.badgesOn) this.update();
    });
    cy.on('add', 'node', this.apply);
    window.__faultlineIncidents = Object.freeze({ badged: (cls: string) => cy.nodes(`.${cls}`).map((n) => n.id()).sort() });
    this.update();
  }

  detach(): void {
    this.unsubscribe();
    this.cy.off('add', 'node', this.apply);
    delete window.__faultlineIncidents;
  }

  private update(): void {
    const { items, badgesOn } = useIncidentsStore.getState();
    this.badges = badgesOn && items ? incidentBadges(items) : new Map();
    this.apply();
  }

  private readonly apply = () => {
    this.cy.batch(() => {
      this.cy.nodes(`.${INCIDENT_BADGES.join(', .')}`).removeClass(ALL);
      for (const [id, cls] of this.badges) this.cy.getElementById(id).addClass(cls);
    });
  };
}
