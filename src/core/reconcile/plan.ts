// Reconciliation: matches an ImportBatch against the CMDB and plans, without changing
// anything, what applying it would do. Change requests are planned in changes.ts, incidents and
// problems in incidents.ts.
//
// Matching, per incoming CI: its Faultline `id` when the CMDB has it; else its externalIds
// (any system); else (class, name) case-insensitively, skipping CIs that carry a different
// id for the same source system. An incoming CI matching two existing ones, two incoming CIs
// matching the same one, and a key used twice are all rejected. A group of such rivals is
// described once, naming its first few places and counting the rest, and every member carries
// that one description: 10,000 rows with one key make a preview ten times that of 1,000, not a
// hundred (each row once listed every other).
//
// Updates never clear what the source did not say: absent fields are left alone,
// attributes and externalIds are merged key by key, tags are added to (or replaced, for
// sources that carry Faultline ids: snapshots and Faultline CSV), and a name that differs
// only in letter case is kept. Every create and update is validated as the Cmdb will, so
// applying the plan as one batch cannot fail on a planned item.
import { runSteps, STEP_SLICE, type Steps } from '../steps';
import { CiInputSchema, CiPatchSchema, CiSchema, ID_PATTERN, type Ci, type CiPatch } from '../../shared/model';
import type { Change } from '../../shared/changes';
import type { Incident, IncidentSettings, Problem } from '../../shared/incidents';
import type { CmdbGraph } from '../graph/cmdb-graph';
import { planChanges, type ResolvedReference } from './changes';
import { planIncidents } from './incidents';
import { emptyLeftOut, mergeLeftOut, refPlace, type ImportBatch, type ImportedCi, type ImportedRelationship, type Rejection, type SourceRef } from '../formats/import/types';
import type {
  FieldChange,
  ImportPlan,
  MatchedBy,
  PlanCounts,
  PlanEndpoint,
  PlannedCiCreate,
  PlannedCiUnchanged,
  PlannedCiUpdate,
  PlannedRelationshipCreate,
  PlannedRelationshipUnchanged,
  PlannedRelationshipUpdate,
} from './types';

type ZodIssues = { issues: readonly { path: readonly PropertyKey[]; message: string }[] };

function firstIssue(error: ZodIssues): { field?: string; reason: string } {
  const issue = error.issues[0];
  const field = issue.path.map(String).join('.');
  return field ? { field, reason: `${field}: ${issue.message}` } : { reason: issue.message };
}

/** How many members of a group of rivals a message names before "and N more". */
const NAMED_IN_GROUP = 5;

/** `a, b, c, d, e and 12 more`: the first NAMED_IN_GROUP of `count` items, described by `describe(k)`. */
function firstFew(count: number, describe: (k: number) => string): string {
  const shown = Array.from({ length: Math.min(count, NAMED_IN_GROUP) }, (_, k) => describe(k)).join(', ');
  return count > NAMED_IN_GROUP ? `${shown} and ${count - NAMED_IN_GROUP} more` : shown;
}

/** `row 4`, `line 12`, `cis[3]`: where an item is, for messages about other items. */
function place(ref: SourceRef): string {
  if (ref.row !== undefined) return `row ${ref.row}`;
  if (ref.line !== undefined) return `line ${ref.line}`;
  return ref.path ?? ref.file;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const NONE: readonly never[] = [];

/**
 * Key → values, holding a lone value as itself: most keys have one, and large imports
 * should not keep an array per key alive.
 */
class MultiMap<V extends object | string> {
  private readonly map = new Map<string, V | V[]>();

  add(key: string, value: V): void {
    const had = this.map.get(key);
    if (had === undefined) this.map.set(key, value);
    else if (Array.isArray(had)) had.push(value);
    else this.map.set(key, [had, value]);
  }

  get(key: string): readonly V[] {
    const had = this.map.get(key);
    return had === undefined ? NONE : Array.isArray(had) ? had : [had];
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function rejection(ref: SourceRef, entity: Rejection['entity'], reason: string, extra: { key?: string; field?: string } = {}): Rejection {
  const r: Rejection = { ...ref, entity, reason };
  if (extra.key !== undefined) r.key = extra.key;
  if (extra.field !== undefined) r.field = extra.field;
  return r;
}

interface ExistingIndex {
  byExternal: MultiMap<string>;
  byClassName: MultiMap<string>;
  byName: MultiMap<string>;
}

function* indexGraph(graph: CmdbGraph): Steps<ExistingIndex> {
  const byExternal = new MultiMap<string>();
  const byClassName = new MultiMap<string>();
  const byName = new MultiMap<string>();
  let done = 0;
  for (const ci of graph.cis()) {
    if (++done % STEP_SLICE === 0) yield;
    for (const [system, value] of Object.entries(ci.externalIds)) byExternal.add(`${system}\u0000${value}`, ci.id);
    const lower = ci.name.toLowerCase();
    byClassName.add(`${ci.class}\u0000${lower}`, ci.id);
    byName.add(lower, ci.id);
  }
  return { byExternal, byClassName, byName };
}

type Match = { kind: 'existing'; id: string; by: MatchedBy } | { kind: 'none' } | { kind: 'ambiguous'; ids: string[]; by: MatchedBy };
/** One object for every CI that matches nothing (most of a first import). */
const NO_MATCH: Match = Object.freeze({ kind: 'none' });

function matchCi(graph: CmdbGraph, index: ExistingIndex, ci: ImportedCi): Match {
  if (ci.id !== undefined && graph.hasCi(ci.id)) return { kind: 'existing', id: ci.id, by: 'id' };
  const byExternal = new Set<string>();
  for (const [system, value] of Object.entries(ci.externalIds)) {
    for (const id of index.byExternal.get(`${system}\u0000${value}`)) byExternal.add(id);
  }
  if (byExternal.size === 1) return { kind: 'existing', id: [...byExternal][0], by: 'externalId' };
  if (byExternal.size > 1) return { kind: 'ambiguous', ids: [...byExternal], by: 'externalId' };
  const ownId = Object.prototype.hasOwnProperty.call(ci.externalIds, ci.system) ? ci.externalIds[ci.system] : undefined;
  const candidates = index.byClassName.get(`${ci.class}\u0000${ci.name.trim().toLowerCase()}`).filter((id) => {
    if (ownId === undefined) return true;
    const existing = graph.getCi(id)?.externalIds;
    // A CI that already has a different id in this source system is a different item.
    return !existing || !Object.prototype.hasOwnProperty.call(existing, ci.system) || existing[ci.system] === ownId;
  });
  if (candidates.length === 1) return { kind: 'existing', id: candidates[0], by: 'name' };
  if (candidates.length > 1) return { kind: 'ambiguous', ids: candidates, by: 'name' };
  return NO_MATCH;
}

/** The CiInput an incoming CI creates (before validation). */
function createInput(ci: ImportedCi): Record<string, unknown> {
  const input: Record<string, unknown> = { name: ci.name, class: ci.class, externalIds: ci.externalIds };
  if (ci.id !== undefined) input.id = ci.id;
  for (const field of ['environment', 'criticality', 'owner', 'status', 'tags', 'attributes'] as const) {
    if (ci[field] !== undefined) input[field] = ci[field];
  }
  if (ci.redundancy) input.redundancy = ci.redundancy;
  return input;
}

type ParsedCiInput = ReturnType<typeof CiInputSchema.parse>;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.prototype.hasOwnProperty.call(b, key) || b[key] !== a[key]) return false;
  return true;
}

/**
 * The validated input of a create, sharing the incoming CI's strings, tags, attributes and
 * externalIds where validation left them as they were: the batch and the plan of a million creates are kept
 * together in a preview, and should not hold two copies of each.
 */
function leanInput(data: ParsedCiInput, ci: ImportedCi): ParsedCiInput {
  const input = {} as ParsedCiInput;
  if (data.id !== undefined) input.id = data.id;
  // Trimming makes a new string even when nothing is trimmed: keep the CI's own when it is the same.
  input.name = data.name === ci.name ? ci.name : data.name;
  input.class = data.class;
  input.environment = data.environment === ci.environment ? ci.environment : data.environment;
  input.criticality = data.criticality;
  input.owner = data.owner === ci.owner ? ci.owner : data.owner;
  input.status = data.status;
  // The import's lists may be shared between CIs and frozen (packed-cis.ts); nothing writes a CI's lists in place.
  input.tags = ci.tags && sameList(data.tags, ci.tags) ? (ci.tags as string[]) : data.tags;
  input.attributes = ci.attributes && sameMap(data.attributes, ci.attributes) ? ci.attributes : data.attributes;
  input.externalIds = sameMap(data.externalIds, ci.externalIds) ? ci.externalIds : data.externalIds;
  if (data.redundancy !== undefined) input.redundancy = data.redundancy;
  return input;
}

/** Field-by-field differences and the patch that makes them, for an incoming CI matched to `existing`. */
function diffCi(existing: Ci, ci: ImportedCi): { changes: FieldChange[]; patch: CiPatch } {
  const changes: FieldChange[] = [];
  const patch: CiPatch = {};
  const name = ci.name.trim();
  if (name.toLowerCase() !== existing.name.toLowerCase()) {
    changes.push({ field: 'name', before: existing.name, after: name });
    patch.name = name;
  }
  if (ci.class !== existing.class) {
    changes.push({ field: 'class', before: existing.class, after: ci.class });
    patch.class = ci.class;
  }
  if (ci.environment !== undefined && ci.environment.trim() !== existing.environment) {
    changes.push({ field: 'environment', before: existing.environment, after: ci.environment.trim() });
    patch.environment = ci.environment.trim();
  }
  if (ci.criticality !== undefined && ci.criticality !== existing.criticality) {
    changes.push({ field: 'criticality', before: existing.criticality, after: ci.criticality });
    patch.criticality = ci.criticality;
  }
  if (ci.owner !== undefined && ci.owner.trim() !== existing.owner) {
    changes.push({ field: 'owner', before: existing.owner, after: ci.owner.trim() });
    patch.owner = ci.owner.trim();
  }
  if (ci.status !== undefined && ci.status !== existing.status) {
    changes.push({ field: 'status', before: existing.status, after: ci.status });
    patch.status = ci.status;
  }
  if (ci.tags !== undefined) {
    const incoming = ci.tags.map((t) => t.trim());
    const authoritative = ci.id !== undefined;
    const after = authoritative ? incoming : [...existing.tags, ...incoming.filter((t) => !existing.tags.includes(t))];
    const same = after.length === existing.tags.length && after.every((t) => existing.tags.includes(t));
    if (!same) {
      changes.push({ field: 'tags', before: existing.tags, after });
      patch.tags = after;
    }
  }
  for (const mapName of ['attributes', 'externalIds'] as const) {
    const incoming = ci[mapName];
    if (!incoming) continue;
    const before = existing[mapName];
    let merged: Record<string, string> | null = null;
    for (const [key, value] of Object.entries(incoming)) {
      const had = Object.prototype.hasOwnProperty.call(before, key) ? before[key] : undefined;
      if (had === value) continue;
      changes.push({ field: `${mapName}.${key}`, before: had ?? null, after: value });
      merged ??= { ...before };
      merged[key] = value;
    }
    if (merged) patch[mapName] = merged;
  }
  if (ci.redundancy !== undefined && !sameJson(ci.redundancy, existing.redundancy)) {
    changes.push({ field: 'redundancy', before: existing.redundancy ?? null, after: ci.redundancy });
    patch.redundancy = ci.redundancy;
  }
  return { changes, patch };
}

/** What Cmdb.updateCi would store, to validate the patch the same way. */
function mergedCi(existing: Ci, patch: CiPatch): unknown {
  const { redundancy, ...rest } = patch;
  const merged: Record<string, unknown> = { ...existing, ...rest };
  if (redundancy === null) delete merged.redundancy;
  else if (redundancy !== undefined) merged.redundancy = redundancy;
  return merged;
}

type Resolved = ResolvedReference;

/** What else of the CMDB a plan reads: its change requests, incidents and problems, which imported ones are matched to by number. */
export interface PlanContext {
  changes: readonly Change[];
  incidents?: readonly Incident[];
  problems?: readonly Problem[];
  /** The document's incident settings (its priority matrix), to compare imported priorities with. */
  incidentSettings?: IncidentSettings;
}

export function planImport(graph: CmdbGraph, batch: ImportBatch, context: PlanContext = { changes: [] }): ImportPlan {
  return runSteps(planImportSteps(graph, batch, context));
}

/**
 * planImport in resumable steps: it pauses (yields) every STEP_SLICE items, so that a caller
 * with an event loop (the service) can answer other requests between slices instead of
 * blocking for the whole of a 100k-row import. The graph must not change until it returns.
 */
export function* planImportSteps(graph: CmdbGraph, batch: ImportBatch, context: PlanContext = { changes: [] }): Steps<ImportPlan> {
  const index = yield* indexGraph(graph);
  let work = 0;
  const ciRejected: Rejection[] = [];
  const relRejected: Rejection[] = [];
  const changeRejected: Rejection[] = [];
  const incidentRejected: Rejection<'incident'>[] = [];
  const problemRejected: Rejection<'problem'>[] = [];
  for (const r of batch.rejected) {
    if (r.entity === 'incident') incidentRejected.push({ ...r, entity: r.entity });
    else if (r.entity === 'problem') problemRejected.push({ ...r, entity: r.entity });
    else (r.entity === 'relationship' ? relRejected : r.entity === 'change' ? changeRejected : ciRejected).push({ ...r, entity: r.entity });
  }

  // 1. Keys used twice in the batch: all of them are rejected. Each key string is built once
  // and reused, so the maps below hash it once.
  const cis = batch.cis;
  const ciKeys = cis.map((ci) => `${ci.system}\u0000${ci.key}`);
  const firstAt = new Map<string, number>();
  /** Key → every index using it, only for keys used more than once. */
  const repeated = new Map<string, number[]>();
  ciKeys.forEach((key, i) => {
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, i);
    else {
      const list = repeated.get(key);
      if (list) list.push(i);
      else repeated.set(key, [first, i]);
    }
  });
  // The generator's frame keeps its locals until the plan is done: let go of a million entries now.
  firstAt.clear();
  /** system+key → why that CI was rejected, for the relationships that name it. */
  const rejectedKeys = new Map<string, string>();
  const candidates: number[] = [];
  /** One description per repeated key, shared by every row that uses it. */
  const repeatedReasons = new Map<string, string>();
  cis.forEach((ci, i) => {
    const group = repeated.get(ciKeys[i]);
    if (group) {
      let reason = repeatedReasons.get(ciKeys[i]);
      if (reason === undefined) {
        reason = `the key "${ci.key}" appears ${group.length} times in the import (at ${firstFew(group.length, (k) => place(cis[group[k]].sourceRef))})`;
        repeatedReasons.set(ciKeys[i], reason);
      }
      ciRejected.push(rejection(ci.sourceRef, 'ci', reason, { key: ci.key }));
      rejectedKeys.set(ciKeys[i], reason);
    } else {
      candidates.push(i);
    }
  });

  // 2. Match each to at most one existing CI.
  const matches: Match[] = new Array<Match>(cis.length);
  const byTarget = new Map<string, number[]>();
  for (const i of candidates) {
    if (++work % STEP_SLICE === 0) yield;
    const match = matchCi(graph, index, cis[i]);
    matches[i] = match;
    if (match.kind === 'existing') push(byTarget, match.id, i);
  }

  const create: PlannedCiCreate[] = [];
  const update: PlannedCiUpdate[] = [];
  const unchanged: PlannedCiUnchanged[] = [];
  /** system+key → where relationships naming it should point. */
  const endpoints = new Map<string, PlanEndpoint>();
  // Only records that name CIs (relationships, changes, incidents, problems) read the endpoints: a
  // file of CIs alone does not build two maps of a million entries it would never look in.
  const namesCis = batch.relationships.length + (batch.changes?.length ?? 0) + (batch.incidents?.length ?? 0) + (batch.problems?.length ?? 0) > 0;
  const newByName = new MultiMap<PlanEndpoint>();
  const createdIds = new Set<string>();
  /** One description per existing CI that several incoming items match, shared by all of them. */
  const rivalReasons = new Map<string, string>();
  const rejectCi = (ci: ImportedCi, reason: string, field?: string): void => {
    ciRejected.push(rejection(ci.sourceRef, 'ci', reason, { key: ci.key, field }));
    rejectedKeys.set(`${ci.system}\u0000${ci.key}`, reason);
  };

  for (const i of candidates) {
    if (++work % STEP_SLICE === 0) yield;
    const ci = cis[i];
    const match = matches[i];
    const endpointKey = ciKeys[i];
    if (match.kind === 'ambiguous') {
      const names = match.ids.map((id) => `${graph.getCi(id)?.name ?? id} (${id})`).join(', ');
      rejectCi(ci, `matches ${match.ids.length} existing CIs by ${match.by === 'name' ? 'class and name' : 'external id'}: ${names}`);
      continue;
    }
    if (match.kind === 'existing') {
      const rivals = byTarget.get(match.id) as number[];
      const existing = graph.getCi(match.id) as Ci;
      if (rivals.length > 1) {
        let reason = rivalReasons.get(existing.id);
        if (reason === undefined) {
          const named = firstFew(rivals.length, (k) => `"${cis[rivals[k]].name}" at ${place(cis[rivals[k]].sourceRef)}`);
          reason = `${rivals.length} incoming items match the same existing CI ${existing.name} (${existing.id}): ${named}`;
          rivalReasons.set(existing.id, reason);
        }
        rejectCi(ci, reason);
        continue;
      }
      const { changes, patch } = diffCi(existing, ci);
      const endpoint: PlanEndpoint = { kind: 'existing', id: existing.id, name: existing.name };
      if (changes.length === 0) {
        unchanged.push({ key: ci.key, system: ci.system, sourceRef: ci.sourceRef, id: existing.id, name: existing.name, matchedBy: match.by });
      } else {
        // As Cmdb.updateCi will: the patch on its own (input limits), then the CI it makes.
        const patchChecked = CiPatchSchema.safeParse(patch);
        const checked = patchChecked.success ? CiSchema.safeParse(mergedCi(existing, patch)) : patchChecked;
        if (!checked.success) {
          const { field, reason } = firstIssue(checked.error);
          rejectCi(ci, reason, field);
          continue;
        }
        update.push({ key: ci.key, system: ci.system, sourceRef: ci.sourceRef, id: existing.id, name: existing.name, matchedBy: match.by, changes, patch });
      }
      if (namesCis) endpoints.set(endpointKey, endpoint);
      continue;
    }
    const parsed = CiInputSchema.safeParse(createInput(ci));
    if (!parsed.success) {
      const { field, reason } = firstIssue(parsed.error);
      rejectCi(ci, reason, field);
      continue;
    }
    const input = leanInput(parsed.data, ci);
    if (input.id !== undefined) {
      if (createdIds.has(input.id)) {
        rejectCi(ci, `the id ${input.id} is used by another CI in this import`, 'id');
        continue;
      }
      createdIds.add(input.id);
    }
    const endpoint: PlanEndpoint = { kind: 'new', index: create.length, name: input.name };
    create.push({ key: ci.key, system: ci.system, sourceRef: ci.sourceRef, input });
    if (namesCis) {
      endpoints.set(endpointKey, endpoint);
      newByName.add(input.name.toLowerCase(), endpoint);
    }
  }

  // 3. Relationships, between planned or existing CIs.
  const resolve = (system: string, ref: string): Resolved => {
    const key = `${system}\u0000${ref}`;
    const inBatch = endpoints.get(key);
    if (inBatch) return { kind: 'endpoint', endpoint: inBatch };
    const rejected = rejectedKeys.get(key);
    if (rejected !== undefined) return { kind: 'rejected', reason: rejected };
    const byId = graph.getCi(ref);
    if (byId) return { kind: 'endpoint', endpoint: { kind: 'existing', id: byId.id, name: byId.name } };
    const external = index.byExternal.get(key);
    if (external.length > 1) return { kind: 'ambiguous', count: external.length };
    if (external.length === 1) {
      const ci = graph.getCi(external[0]) as Ci;
      return { kind: 'endpoint', endpoint: { kind: 'existing', id: ci.id, name: ci.name } };
    }
    const lower = ref.trim().toLowerCase();
    const newNamed = newByName.get(lower);
    if (newNamed.length === 1) return { kind: 'endpoint', endpoint: newNamed[0] };
    // Existing CIs named so, not counting those the batch already matched under another name.
    const existingNamed = index.byName.get(lower);
    if (newNamed.length + existingNamed.length > 1) return { kind: 'ambiguous', count: newNamed.length + existingNamed.length };
    if (existingNamed.length === 1) {
      const ci = graph.getCi(existingNamed[0]) as Ci;
      return { kind: 'endpoint', endpoint: { kind: 'existing', id: ci.id, name: ci.name } };
    }
    return { kind: 'missing' };
  };

  const relCreate: PlannedRelationshipCreate[] = [];
  const relUpdate: PlannedRelationshipUpdate[] = [];
  const relUnchanged: PlannedRelationshipUnchanged[] = [];
  const planned = new Map<string, SourceRef>();
  const plannedIds = new Set<string>();
  // A reference that names nothing in the file or the CMDB is a warning with its place, not a rejection.
  const dangling: string[] = [];
  const endpointId = (e: PlanEndpoint): string => (e.kind === 'existing' ? `e:${e.id}` : `n:${e.index}`);

  for (const rel of batch.relationships) {
    if (++work % STEP_SLICE === 0) yield;
    const reject = (reason: string, field?: string): void => {
      relRejected.push(rejection(rel.sourceRef, 'relationship', reason, { field }));
    };
    const ends: PlanEndpoint[] = [];
    let failed = false;
    for (const end of ['source', 'target'] as const) {
      const ref = rel[end];
      const resolved = resolve(rel.system, ref);
      if (resolved.kind === 'endpoint') {
        ends.push(resolved.endpoint);
        continue;
      }
      failed = true;
      if (resolved.kind === 'rejected') reject(`the ${end} "${ref}" was rejected: ${resolved.reason}`, end);
      else if (resolved.kind === 'ambiguous') reject(`the ${end} "${ref}" names ${resolved.count} CIs`, end);
      else dangling.push(`${refPlace({ ...rel.sourceRef, field: rel.fields?.[end] ?? end })}: the ${end} "${ref}" is neither in this file nor in the CMDB; the relationship was not imported`);
      break;
    }
    if (failed) continue;
    const [source, target] = ends;
    if (endpointId(source) === endpointId(target)) {
      reject(`a CI cannot be related to itself (${source.name})`, 'target');
      continue;
    }
    const dedupeKey = `${endpointId(source)}\u0000${endpointId(target)}\u0000${rel.type}`;
    const earlier = planned.get(dedupeKey);
    if (earlier) {
      reject(`the same relationship (${source.name} ${rel.type} ${target.name}) is already at ${place(earlier)}`);
      continue;
    }
    if (source.kind === 'existing' && target.kind === 'existing') {
      const existingId = graph.findRelationship(source.id, target.id, rel.type);
      if (existingId !== undefined) {
        const existing = graph.getRelationship(existingId);
        planned.set(dedupeKey, rel.sourceRef);
        if (existing && rel.strength !== undefined && rel.strength !== existing.strength) {
          relUpdate.push({
            sourceRef: rel.sourceRef,
            id: existingId,
            source,
            target,
            type: rel.type,
            changes: [{ field: 'strength', before: existing.strength, after: rel.strength }],
            patch: { strength: rel.strength },
          });
        } else {
          relUnchanged.push({ sourceRef: rel.sourceRef, id: existingId });
        }
        continue;
      }
    }
    const item: PlannedRelationshipCreate = { sourceRef: rel.sourceRef, source, target, type: rel.type, strength: rel.strength ?? 'hard' };
    if (rel.inferred) item.inferred = true;
    if (!checkRelationshipId(rel, graph, plannedIds, reject)) continue;
    if (rel.id !== undefined) item.id = rel.id;
    planned.set(dedupeKey, rel.sourceRef);
    relCreate.push(item);
  }

  // 4. Change requests, their CI resolved like a relationship end.
  const changes = planChanges(batch.changes ?? [], context.changes, resolve, (id) => graph.getCi(id)?.name ?? id);
  // concat, not unshift(...rows): a file's thousands of rejected rows would overflow the call's arguments.
  changes.rejected = changeRejected.concat(changes.rejected);

  // 5. Incidents and problems, their CIs resolved the same way.
  const records = planIncidents(
    batch,
    { changes: context.changes, incidents: context.incidents ?? [], problems: context.problems ?? [], ...(context.incidentSettings ? { settings: context.incidentSettings } : {}) },
    resolve,
    (id) => graph.getCi(id)?.name ?? id,
  );
  records.incidents.rejected = incidentRejected.concat(records.incidents.rejected);
  records.problems.rejected = problemRejected.concat(records.problems.rejected);

  const plan: ImportPlan = {
    format: batch.format,
    graphRevision: graph.revision,
    cis: { create, update, unchanged, rejected: ciRejected },
    relationships: { create: relCreate, update: relUpdate, unchanged: relUnchanged, rejected: relRejected },
    changes,
    incidents: records.incidents,
    problems: records.problems,
    warnings: [...batch.warnings, ...dangling, ...records.dangling, ...records.warnings],
    leftOut: mergeLeftOut(batch.leftOut, { ...emptyLeftOut(), danglingReferences: dangling.length + records.dangling.length }),
    counts: {
      cis: { create: create.length, update: update.length, unchanged: unchanged.length, rejected: ciRejected.length },
      relationships: { create: relCreate.length, update: relUpdate.length, unchanged: relUnchanged.length, rejected: relRejected.length },
      changes: { create: changes.create.length, update: changes.update.length, unchanged: changes.unchanged.length, rejected: changes.rejected.length },
      incidents: countsOf(records.incidents),
      problems: countsOf(records.problems),
    },
  };
  return plan;
}

function countsOf(list: { create: unknown[]; update: unknown[]; unchanged: unknown[]; rejected: unknown[] }): PlanCounts {
  return { create: list.create.length, update: list.update.length, unchanged: list.unchanged.length, rejected: list.rejected.length };
}

/** A carried relationship id must be valid and free; false (after rejecting) otherwise. */
function checkRelationshipId(rel: ImportedRelationship, graph: CmdbGraph, plannedIds: Set<string>, reject: (reason: string, field?: string) => void): boolean {
  if (rel.id === undefined) return true;
  if (!ID_PATTERN.test(rel.id)) {
    reject(`the relationship id "${rel.id}" is not a valid id`, 'id');
    return false;
  }
  if (graph.getRelationship(rel.id) || plannedIds.has(rel.id)) {
    reject(`the relationship id ${rel.id} is already used by another relationship`, 'id');
    return false;
  }
  plannedIds.add(rel.id);
  return true;
}

/** "3 CIs to create, 1 to update, 10 unchanged, 2 rejected; 4 relationships to create, …" (change requests, incidents and problems when the import has any). */
export function describePlan(plan: ImportPlan): string {
  const part = (label: string, c: ImportPlan['counts']['cis']): string =>
    `${c.create} ${label} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.rejected} rejected`;
  const any = (c: PlanCounts) => c.create + c.update + c.unchanged + c.rejected > 0;
  const { changes, incidents, problems } = plan.counts;
  const records = ([['change requests', changes], ['incidents', incidents], ['problems', problems]] as const).filter(([, c]) => any(c)).map(([label, c]) => `; ${part(label, c)}`);
  return `${part('CIs', plan.counts.cis)}; ${part('relationships', plan.counts.relationships)}${records.join('')}`;
}
