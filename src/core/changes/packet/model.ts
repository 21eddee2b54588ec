// The CAB packet's content, before any format: the change, the CMDB state it was judged on, the
// impacted services with the path failure takes to each, the impacted CIs by level, the risk
// factors, the conflicts and the impact picture. Lists are capped ("and N more") so that a
// change taking down thousands of CIs still prints as a few pages.
import type { Change } from '../../../shared/changes';
import { explanationPath, IMPACT_LEVELS, impactedList, impactIndex, type BlastRadiusResult, type ImpactLevel } from '../../../shared/impact-types';
import type { Conflict, RiskAssessment } from '../../../shared/risk';
import { impactPicture, type ImpactPicture } from './picture';

export const PACKET_LIMITS = { services: 25, cisPerLevel: 30, pictureNodes: 60 } as const;

export interface Capped<T> {
  items: T[];
  /** How many were left out. */
  more: number;
}

export interface PacketService {
  id: string;
  name: string;
  level: ImpactLevel;
  criticality: number;
  /** CI names from a target to the service, or null when the current CMDB no longer leads there. */
  path: string[] | null;
}

export interface PacketCmdbState {
  /** The identifier of the CMDB state the impact was computed on (cmdb-hash.ts). */
  hash: string;
  /** 'snapshot': frozen when the change entered cab_review; 'now': no snapshot yet, the CMDB as it is. */
  source: 'snapshot' | 'now';
  computedAt: string | null;
  currentHash: string;
  /** The CMDB differs from the one the snapshot was taken on. */
  moved: boolean;
  /** One sentence saying all of the above. */
  note: string;
}

export interface PacketVote {
  at: string;
  actor: string;
  vote: string;
  text: string;
}

export interface CabPacket {
  generatedAt: string;
  change: {
    id: string;
    number: string;
    title: string;
    type: Change['type'];
    state: Change['state'];
    description: string;
    window: Change['window'];
    implementer: string;
    rollbackPlan: string;
    targets: { id: string; name: string; mode: 'down' | 'degraded' }[];
    votes: PacketVote[];
  };
  cmdbState: PacketCmdbState;
  byLevel: Record<ImpactLevel, number>;
  services: Capped<PacketService>;
  impacted: Record<ImpactLevel, Capped<{ id: string; name: string }>>;
  risk: RiskAssessment;
  conflicts: Conflict[];
  picture: ImpactPicture;
}

export interface PacketInput {
  change: Change;
  risk: RiskAssessment;
  conflicts: Conflict[];
  /** The blast radius of the change's targets on the CMDB as it is now (null when none of them exists any more). */
  blast: BlastRadiusResult | null;
  /** cmdbHash of the CMDB as it is now. */
  currentHash: string;
  /** A CI's name (a deleted CI's from its tombstone). */
  nameOf(id: string): string | undefined;
  generatedAt: string;
}

function capped<T>(items: readonly T[], limit: number): Capped<T> {
  return { items: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}

function cmdbStateOf(change: Change, currentHash: string): PacketCmdbState {
  const snapshot = change.impactSnapshot;
  if (!snapshot) {
    return {
      hash: currentHash,
      source: 'now',
      computedAt: null,
      currentHash,
      moved: false,
      note: `No impact snapshot yet (it is frozen when the change enters CAB review): the impact is computed on the current CMDB state ${currentHash}.`,
    };
  }
  const moved = snapshot.cmdbHash !== currentHash;
  return {
    hash: snapshot.cmdbHash,
    source: 'snapshot',
    computedAt: snapshot.computedAt,
    currentHash,
    moved,
    note: moved
      ? `Impact snapshot frozen at ${snapshot.computedAt} on CMDB state ${snapshot.cmdbHash}; the CMDB has changed since (now ${currentHash}), so paths and the picture are drawn on the current CMDB.`
      : `Impact snapshot frozen at ${snapshot.computedAt} on CMDB state ${snapshot.cmdbHash}, which is still the current state.`,
  };
}

/** The packet of one change: pure, from what change.get answers and its targets' blast radius. */
export function cabPacket(input: PacketInput): CabPacket {
  const { change, blast } = input;
  const index = blast ? impactIndex(blast) : null;
  const blastNames = new Map<string, string>();
  if (blast) {
    for (const t of blast.targets) blastNames.set(t.ciId, t.name);
    for (const page of blast.impacted.pages) page.id.forEach((id, j) => blastNames.set(id, page.name[j]));
  }
  const nameOf = (id: string) => input.nameOf(id) ?? blastNames.get(id) ?? id;
  const pathOf = (id: string): string[] | null => {
    const fromEngine = blast?.services.find((s) => s.id === id)?.path;
    const ids = fromEngine ?? (index ? explanationPath(index, id)?.path : undefined);
    return ids ? ids.map(nameOf) : null;
  };

  const snapshot = change.impactSnapshot;
  const services = (snapshot ? snapshot.services : (blast?.services ?? [])).map((s) => ({ id: s.id, name: s.name, level: s.level, criticality: s.criticality, path: pathOf(s.id) }));
  const impactedCis = snapshot ? snapshot.impacted : blast ? impactedList(blast.impacted).map((c) => ({ id: c.id, level: c.level })) : [];
  const byLevel = snapshot ? { ...snapshot.byLevel } : blast ? { ...blast.totals.byLevel } : { down: 0, degraded: 0, at_risk: 0 };
  const impacted = Object.fromEntries(
    IMPACT_LEVELS.map((level) => [level, capped(impactedCis.filter((c) => c.level === level).map((c) => ({ id: c.id, name: nameOf(c.id) })), PACKET_LIMITS.cisPerLevel)]),
  ) as CabPacket['impacted'];

  return {
    generatedAt: input.generatedAt,
    change: {
      id: change.id,
      number: change.number,
      title: change.title,
      type: change.type,
      state: change.state,
      description: change.description,
      window: change.window,
      implementer: change.implementer,
      rollbackPlan: change.rollbackPlan,
      targets: change.targets.map((t) => ({ id: t.ciId, name: nameOf(t.ciId), mode: t.mode })),
      votes: change.events.filter((e) => e.kind === 'vote').map((e) => ({ at: e.at, actor: e.actor, vote: e.vote ?? '', text: e.text })),
    },
    cmdbState: cmdbStateOf(change, input.currentHash),
    byLevel,
    services: capped(services, PACKET_LIMITS.services),
    impacted,
    risk: input.risk,
    conflicts: input.conflicts,
    picture: impactPicture(blast, PACKET_LIMITS.pictureNodes),
  };
}
