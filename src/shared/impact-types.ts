// Result shapes of the impact engine (src/core/impact), shared with the renderer and CLI.
import { CI_CLASSES, RELATIONSHIP_TYPES, type Ci, type CiClass, type RelationshipType, type Strength } from './model';

export type ImpactLevel = 'down' | 'degraded' | 'at_risk';
export const IMPACT_LEVELS: readonly ImpactLevel[] = ['down', 'degraded', 'at_risk'];

/** One hop of an explanation path: from `from` to `to` over relationship `relationshipId`. */
export interface PathStep {
  from: string;
  to: string;
  relationshipId: string;
  type: RelationshipType;
  strength: 'hard' | 'soft';
}

export interface RedundancyState {
  /** Members lost (down), members in all, members needed healthy. */
  lost: number;
  total: number;
  needs: number;
  /** "lost 1 of 3, needs 2" */
  text: string;
}

/**
 * The last hop of a CI's explanation: it is impacted because `from` (a target or another impacted
 * CI, one hop shallower) reaches it over `relationshipId`. Following `from` pointers ends at a
 * target; `explanationPath` does that walk.
 */
export interface ImpactVia {
  from: string;
  relationshipId: string;
  type: RelationshipType;
  strength: 'hard' | 'soft';
}

export interface ImpactedCi {
  id: string;
  name: string;
  class: CiClass;
  criticality: Ci['criticality'];
  level: ImpactLevel;
  /** Hops from the nearest target along the explanation path. */
  depth: number;
  /** Parent pointer of the explanation path (never null: targets are not listed as impacted). */
  via: ImpactVia;
  redundancy?: RedundancyState;
}

/**
 * A column of small integer codes: a typed array as the engine builds it (and as Electron's IPC
 * carries it), a plain array once it has been through JSON (browser mode). Read it by index only.
 */
export type CodeColumn = ArrayLike<number>;

/**
 * One page of ImpactedColumns: entry j of the page is id[j], name[j], …; its `via` is viaFrom[j]
 * etc. Strings stay strings; every field with a few possible values is a code column, which
 * costs the engine a byte per entry instead of a pointer (see ImpactedColumns).
 */
export interface ImpactedPage {
  id: string[];
  name: string[];
  /** Index into CI_CLASSES. */
  class: CodeColumn;
  criticality: CodeColumn;
  /** Index into IMPACT_LEVELS (0 down, 1 degraded, 2 at_risk). */
  level: CodeColumn;
  depth: CodeColumn;
  viaFrom: string[];
  viaRelationshipId: string[];
  /** Index into RELATIONSHIP_TYPES. */
  viaType: CodeColumn;
  /** Index into STRENGTHS (0 hard, 1 soft). */
  viaStrength: CodeColumn;
}

export const STRENGTHS: readonly Strength[] = ['hard', 'soft'];

/** Entries per page: 2^13, so that a page's arrays stay under V8's large-object size. */
export const IMPACTED_PAGE_BITS = 13;
export const IMPACTED_PAGE_SIZE = 1 << IMPACTED_PAGE_BITS;

/**
 * Every impacted CI, as columns cut into pages: entry k is in pages[k >> IMPACTED_PAGE_BITS] at
 * k & (IMPACTED_PAGE_SIZE - 1). A hub's blast radius reaches tens of thousands of CIs; one
 * object per entry, or one array per column that large (each allocated as a fresh large
 * object), costs more than the traversal itself, while pages of small arrays — pointers only
 * for the four string columns, typed arrays off the JS heap for the codes — are cheap to build
 * and about half the JSON of objects. Read entries with impactedAt / impactedList.
 */
export interface ImpactedColumns {
  count: number;
  pages: ImpactedPage[];
  /** The redundancy groups among the entries, by entry index. */
  redundancy: (RedundancyState & { entry: number })[];
}

/** The ids of every entry, in result order. */
export function impactedIds(columns: ImpactedColumns): string[] {
  return columns.pages.flatMap((page) => page.id);
}

/** The impact level of entry j of a page. */
export function levelAt(page: ImpactedPage, j: number): ImpactLevel {
  return IMPACT_LEVELS[page.level[j]];
}

function entryOf(page: ImpactedPage, j: number): ImpactedCi {
  return {
    id: page.id[j],
    name: page.name[j],
    class: CI_CLASSES[page.class[j]],
    criticality: page.criticality[j] as Ci['criticality'],
    level: IMPACT_LEVELS[page.level[j]],
    depth: page.depth[j],
    via: {
      from: page.viaFrom[j],
      relationshipId: page.viaRelationshipId[j],
      type: RELATIONSHIP_TYPES[page.viaType[j]],
      strength: STRENGTHS[page.viaStrength[j]],
    },
  };
}

/** Entry k as one object (its redundancy state included when it is a group). */
export function impactedAt(columns: ImpactedColumns, k: number): ImpactedCi {
  if (!(k >= 0 && k < columns.count)) throw new RangeError(`no impacted entry ${k} (there are ${columns.count})`);
  const entry = entryOf(columns.pages[k >> IMPACTED_PAGE_BITS], k & (IMPACTED_PAGE_SIZE - 1));
  const group = columns.redundancy.find((g) => g.entry === k);
  if (group) entry.redundancy = { lost: group.lost, total: group.total, needs: group.needs, text: group.text };
  return entry;
}

/** Every entry as an object, in result order. */
export function impactedList(columns: ImpactedColumns): ImpactedCi[] {
  const list: ImpactedCi[] = [];
  for (const page of columns.pages) for (let j = 0; j < page.id.length; j++) list.push(entryOf(page, j));
  for (const g of columns.redundancy) list[g.entry].redundancy = { lost: g.lost, total: g.total, needs: g.needs, text: g.text };
  return list;
}

/** Empty columns with room for `count` entries (pages sized, arrays unfilled). */
export function emptyImpactedColumns(count: number): ImpactedColumns {
  const pages: ImpactedPage[] = [];
  for (let start = 0; start < count; start += IMPACTED_PAGE_SIZE) {
    const n = Math.min(IMPACTED_PAGE_SIZE, count - start);
    pages.push({
      id: new Array<string>(n),
      name: new Array<string>(n),
      class: new Uint8Array(n),
      criticality: new Uint8Array(n),
      level: new Uint8Array(n),
      depth: new Int32Array(n),
      viaFrom: new Array<string>(n),
      viaRelationshipId: new Array<string>(n),
      viaType: new Uint8Array(n),
      viaStrength: new Uint8Array(n),
    });
  }
  return { count, pages, redundancy: [] };
}

/** The columns of a list of entries (the inverse of impactedList). */
export function impactedColumns(list: readonly ImpactedCi[]): ImpactedColumns {
  const columns = emptyImpactedColumns(list.length);
  list.forEach((c, k) => {
    const page = columns.pages[k >> IMPACTED_PAGE_BITS];
    const j = k & (IMPACTED_PAGE_SIZE - 1);
    page.id[j] = c.id;
    page.name[j] = c.name;
    (page.class as Uint8Array)[j] = CI_CLASSES.indexOf(c.class);
    (page.criticality as Uint8Array)[j] = c.criticality;
    (page.level as Uint8Array)[j] = IMPACT_LEVELS.indexOf(c.level);
    (page.depth as Int32Array)[j] = c.depth;
    page.viaFrom[j] = c.via.from;
    page.viaRelationshipId[j] = c.via.relationshipId;
    (page.viaType as Uint8Array)[j] = RELATIONSHIP_TYPES.indexOf(c.via.type);
    (page.viaStrength as Uint8Array)[j] = STRENGTHS.indexOf(c.via.strength);
    if (c.redundancy) columns.redundancy.push({ entry: k, ...c.redundancy });
  });
  return columns;
}

/**
 * An impacted service: few of them, so each carries its whole path (the relationships along it
 * come from `explanationPath`).
 */
export interface ImpactedService extends ImpactedCi {
  /** CI ids from a target to this service (inclusive at both ends). */
  path: string[];
}

export interface ImpactTarget {
  ciId: string;
  name: string;
  mode: 'down' | 'degraded';
  via?: ImpactVia;
}

export interface BlastRadiusResult {
  /**
   * The changed CIs, each named once with its worst mode. `via` is set on a target that another
   * target takes down (a degraded target that is down): paths through it continue to that target.
   */
  targets: ImpactTarget[];
  /** Every impacted CI except the targets themselves, worst level first, then by depth, then name. */
  impacted: ImpactedColumns;
  /** Impacted business and technical services, ranked by criticality, then level, with full paths. */
  services: ImpactedService[];
  totals: {
    byLevel: Record<ImpactLevel, number>;
    byClass: Partial<Record<CiClass, number>>;
  };
  elapsedMs: number;
}

export interface DependencyEntry {
  id: string;
  name: string;
  class: CiClass;
  depth: number;
  /** Parent pointer of the path from the asked-about CI: `from` is one hop nearer to it. */
  via: ImpactVia;
}

export interface DependenciesResult {
  ciId: string;
  dependencies: DependencyEntry[];
  elapsedMs: number;
}

export interface SpofEntry {
  id: string;
  name: string;
  class: CiClass;
  /** How its failure reaches the service. */
  path: string[];
  steps: PathStep[];
}

export interface SpofResult {
  serviceId: string;
  singlePointsOfFailure: SpofEntry[];
  elapsedMs: number;
}

/** A CI's explanation: ids from a target (or the asked-about CI) to it, and the hops between. */
export interface Explanation {
  path: string[];
  steps: PathStep[];
}

/**
 * Parent pointers of a result by CI id: each impacted CI (or dependency) → its `via`; each
 * target (or the asked-about CI) → null, or its `via` when another target took it down. Build it once when explaining many CIs.
 */
export type ImpactIndex = ReadonlyMap<string, ImpactVia | null>;

export function impactIndex(result: BlastRadiusResult | DependenciesResult): ImpactIndex {
  const index = new Map<string, ImpactVia | null>();
  if ('impacted' in result) {
    for (const t of result.targets) index.set(t.ciId, t.via ?? null);
    for (const p of result.impacted.pages) {
      for (let j = 0; j < p.id.length; j++) {
        index.set(p.id[j], { from: p.viaFrom[j], relationshipId: p.viaRelationshipId[j], type: RELATIONSHIP_TYPES[p.viaType[j]], strength: STRENGTHS[p.viaStrength[j]] });
      }
    }
  } else {
    index.set(result.ciId, null);
    for (const d of result.dependencies) index.set(d.id, d.via);
  }
  return index;
}

/**
 * The explanation of `ciId` rebuilt from `via` pointers: for a blast radius, from a target to the
 * CI in the direction failure travels; for dependencies, from the asked-about CI to the dependency.
 * A target (or the asked-about CI) gives a one-id path (or its path from the target that took it
 * down); a CI not in the result gives null.
 * Pass a prebuilt `impactIndex` when explaining many CIs of the same result.
 */
export function explanationPath(source: BlastRadiusResult | DependenciesResult | ImpactIndex, ciId: string): Explanation | null {
  const index = source instanceof Map ? (source as ImpactIndex) : impactIndex(source as BlastRadiusResult | DependenciesResult);
  if (!index.has(ciId)) return null;
  const path = [ciId];
  const steps: PathStep[] = [];
  let id = ciId;
  let via = index.get(id);
  while (via) {
    steps.push({ from: via.from, to: id, relationshipId: via.relationshipId, type: via.type, strength: via.strength });
    id = via.from;
    path.push(id);
    // Pointers always lead one hop nearer a root; more hops than entries means a broken result.
    if (steps.length > index.size) throw new Error(`explanation of ${ciId} does not end (via pointers form a cycle)`);
    via = index.get(id);
    if (via === undefined) throw new Error(`explanation of ${ciId} leads to ${id}, which is not in the result`);
  }
  path.reverse();
  steps.reverse();
  return { path, steps };
}
