// Shared setup for the storage tests: temp folders, a deterministic environment, small documents.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CmdbEnvironment } from '../../../../src/core/graph/cmdb';
import type { Ci, CmdbDocument, Relationship } from '../../../../src/shared/model';
import { packInts } from '../../../../src/core/checkpoint/packed';
import { openCmdbStore, type CmdbStore, type OpenCmdbStoreOptions } from '../../../../src/node/storage';

export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-storage-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

let ids = 0;

/** Ids `ci_0001`, `rel_0002`, … (unique within a test file, across reopens); a clock that ticks one second per call. */
export function testEnvironment(actor = 'tester'): CmdbEnvironment {
  let tick = 0;
  return {
    actor,
    now: () => new Date(Date.UTC(2024, 0, 1) + 1000 * tick++).toISOString(),
    newId: (prefix) => `${prefix}_${String(++ids).padStart(4, '0')}`,
  };
}

export function open(path: string, options: Partial<OpenCmdbStoreOptions> = {}): Promise<CmdbStore> {
  return openCmdbStore(path, { env: testEnvironment(), createIfMissing: true, compaction: false, ...options });
}

const TIME = '2024-01-01T00:00:00.000Z';

export function ci(id: string, overrides: Partial<Ci> = {}): Ci {
  return {
    id,
    name: `CI ${id}`,
    class: 'application',
    environment: 'production',
    criticality: 2,
    owner: 'team-a',
    status: 'live',
    tags: ['web'],
    attributes: { region: 'eu-1' },
    externalIds: {},
    createdAt: TIME,
    updatedAt: TIME,
    ...overrides,
  };
}

export function rel(id: string, source: string, target: string, overrides: Partial<Relationship> = {}): Relationship {
  return { id, source, target, type: 'depends_on', strength: 'hard', ...overrides };
}

/** A small valid document: `n` CIs in a chain of depends_on relationships. */
export function chainDocument(n: number, journalSeq = 0): CmdbDocument {
  const cis = Array.from({ length: n }, (_, i) => ci(`ci_${i}`, { redundancy: i % 5 === 0 ? { minHealthy: 1 } : undefined }));
  for (const c of cis) if (c.redundancy === undefined) delete c.redundancy;
  const relationships = cis.slice(1).map((c, i) => rel(`rel_${i}`, c.id, cis[i].id, { strength: i % 3 === 0 ? 'soft' : 'hard' }));
  return { schemaVersion: 1, journalSeq, cis, relationships, settings: { theme: 'dark' } };
}

/** CIs and relationships of a store, sorted, for comparing states. */
export function stateOf(store: CmdbStore): { cis: Ci[]; relationships: Relationship[] } {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    cis: [...store.cmdb.graph.cis()].sort(byId),
    relationships: [...store.cmdb.graph.relationships()].sort(byId),
  };
}

export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** A relationship as a raw version 2 document holds it: ends are CI positions. */
export interface RawColumnsRelationship {
  id: unknown;
  source: number;
  target: number;
  type: unknown;
  strength: unknown;
  inferred?: boolean;
}

/**
 * A schemaVersion 2 checkpoint holding exactly the given values, valid or not (each value its
 * own table entry): what a file could contain, for the validation tests. CIs are objects with
 * the CI fields; `redundancy`, when present, is `{ minHealthy }`.
 */
export function rawColumns(cis: readonly Record<string, unknown>[], relationships: readonly RawColumnsRelationship[] = [], journalSeq = 0): Record<string, unknown> {
  const positions = (count: number) => packInts(Array.from({ length: count }, (_, i) => i));
  const table = (key: string) => ({ values: cis.map((c) => c[key]), codes: positions(cis.length) });
  const redundant = cis.flatMap((c, i) => (c.redundancy === undefined ? [] : [i]));
  const relTable = (key: 'type' | 'strength') => ({ values: relationships.map((r) => r[key]), codes: positions(relationships.length) });
  const idColumn = (ids: unknown[]) => (ids.length === 0 ? [] : [ids.join(' ')]);
  const inferred = (value: boolean) => packInts(relationships.flatMap((r, e) => (r.inferred === value ? [e] : [])));
  return {
    schemaVersion: 3,
    journalSeq,
    settings: {},
    cis: {
      id: idColumn(cis.map((c) => c.id)),
      name: cis.map((c) => c.name),
      class: table('class'),
      environment: table('environment'),
      criticality: table('criticality'),
      owner: table('owner'),
      status: table('status'),
      tags: table('tags'),
      attributes: table('attributes'),
      externalIds: table('externalIds'),
      redundancy: { ci: packInts(redundant), minHealthy: redundant.map((i) => (cis[i].redundancy as { minHealthy: unknown }).minHealthy) },
      createdAt: table('createdAt'),
      updatedAt: table('updatedAt'),
    },
    relationships: {
      id: idColumn(relationships.map((r) => r.id)),
      source: packInts(relationships.map((r) => r.source)),
      target: packInts(relationships.map((r) => r.target)),
      type: relTable('type'),
      strength: relTable('strength'),
      inferred: { true: inferred(true), false: inferred(false) },
    },
    records: {},
  };
}
