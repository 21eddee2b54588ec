// The three scenarios of the I/O-fault loop: edits (CI create/update/delete, a relationship, a
// record), compactions, and copies saved over an existing document and to a new file. Sizes are
// parameters: the unit test runs small ones, test/perf/io-fault-loop.ts larger ones.
import { join } from 'node:path';
import type { Cmdb, Transaction } from '../../src/core/graph/cmdb';
import { openCmdbStore, writeStandaloneDocument, type SerializeOptions } from '../../src/node/storage';
import type { Ci, CmdbDocument, Relationship } from '../../src/shared/model';
import { loopEnvironment, type Scenario, type Step } from './faulty-fs-loop';

const TIME = '2025-01-01T00:00:00.000Z';

/** `n` CIs, each depending on the one before it and every fifth on the first. */
function startingDocument(n: number, prefix: string): CmdbDocument {
  const cis: Ci[] = Array.from({ length: n }, (_, i) => ({
    id: `ci_${prefix}${i}`,
    name: `${prefix} CI ${i}`,
    class: i % 3 === 0 ? 'server' : 'application',
    environment: 'production',
    criticality: ((i % 4) + 1) as Ci['criticality'],
    owner: `team-${i % 5}`,
    status: 'live',
    tags: ['io-fault'],
    attributes: { slot: String(i) },
    externalIds: {},
    createdAt: TIME,
    updatedAt: TIME,
  }));
  const relationships: Relationship[] = [];
  for (let i = 1; i < n; i++) {
    relationships.push({ id: `rel_${prefix}${i}`, source: cis[i].id, target: cis[i - 1].id, type: 'depends_on', strength: 'hard' });
    if (i % 5 === 0 && i > 1) relationships.push({ id: `rel_${prefix}${i}f`, source: cis[i].id, target: cis[0].id, type: 'runs_on', strength: 'soft' });
  }
  return { schemaVersion: 1, journalSeq: 0, cis, relationships, records: {}, settings: {} };
}

function ciNamed(cmdb: Cmdb, name: string): Ci | undefined {
  for (const c of cmdb.graph.cis()) if (c.name === name) return c;
  return undefined;
}

/** Eight kinds of edit, the `round`th time: each finds what it works on by name, so one that failed and was taken back only makes the later ones that need it not apply. */
function editRound(round: number): Step[] {
  const api = `API ${round}`;
  const setting = `io-fault.${round}`;
  const edit = (label: string, make: (cmdb: Cmdb) => Transaction | null): Step => ({ kind: 'edit', label, make });
  const nth = (cmdb: Cmdb, k: number): Ci | undefined => [...cmdb.graph.cis()][k];
  return [
    edit('create a CI', (cmdb) => cmdb.createCi({ name: api, class: 'application', owner: 'team-new', attributes: { round: String(round) } }).tx),
    edit('update a CI', (cmdb) => {
      const target = nth(cmdb, round);
      return target ? cmdb.updateCi(target.id, { owner: `owner-${round}`, criticality: 1 }).tx : null;
    }),
    edit('relate two CIs', (cmdb) => {
      const source = ciNamed(cmdb, api);
      const target = nth(cmdb, 0);
      return source && target ? cmdb.createRelationship({ source: source.id, target: target.id, type: 'depends_on' }).tx : null;
    }),
    edit('create a record', (cmdb) => cmdb.createRecord('setting', { id: setting, value: { round }, updatedAt: TIME }).tx),
    edit('update a relationship', (cmdb) => {
      const source = ciNamed(cmdb, api);
      const r = source ? cmdb.graph.relationshipsOf(source.id).find((x) => x.type === 'depends_on') : undefined;
      return r ? cmdb.updateRelationship(r.id, { strength: 'soft' }).tx : null;
    }),
    edit('update a record', (cmdb) => (cmdb.records.has('setting', setting) ? cmdb.updateRecord('setting', setting, { value: { round, again: true } }).tx : null)),
    edit('delete a CI with its relationships', (cmdb) => {
      const victim = nth(cmdb, 2 + round);
      return victim ? cmdb.deleteCi(victim.id).tx : null;
    }),
    edit('delete a record', (cmdb) => (cmdb.records.has('setting', setting) ? cmdb.deleteRecord('setting', setting).tx : null)),
  ];
}

export interface ScenarioSize {
  /** CIs in the starting document. */
  cis: number;
  /** Edits already in its journal (not yet in a checkpoint) when the scenario starts. */
  journal: number;
  /** Checkpoint slices of the store the steps run on. */
  serialize?: SerializeOptions;
}

/**
 * Writes `name` in `dir`: a checkpoint of `cis` CIs, compacted once after a first edit (so
 * it has a history folder), then `journal` more edits left in the live journal.
 */
async function writeStartingDocument(dir: string, name: string, size: ScenarioSize, prefix: string): Promise<void> {
  const path = join(dir, name);
  await writeStandaloneDocument(path, startingDocument(size.cis, prefix));
  const store = await openCmdbStore(path, { env: loopEnvironment(`${prefix}e`), compaction: false });
  try {
    await store.persist(store.cmdb.createCi({ name: `${prefix} before the checkpoint`, class: 'site' }).tx);
    await store.compact();
    for (let i = 0; i < size.journal; i++) {
      const c = [...store.cmdb.graph.cis()][i % size.cis];
      await store.persist(store.cmdb.updateCi(c.id, { attributes: { ...c.attributes, journal: String(i) } }).tx);
    }
  } finally {
    await store.close();
  }
}

const DOC = 'doc.faultline';

export function editsScenario(size: ScenarioSize, rounds: number): Scenario {
  return {
    ...(size.serialize ? { serialize: size.serialize } : {}),
    name: `edits (${size.cis} CIs, ${rounds * 8} edits)`,
    document: DOC,
    setup: (dir) => writeStartingDocument(dir, DOC, size, 's'),
    steps: Array.from({ length: rounds }, (_, r) => editRound(r + 1)).flat(),
  };
}

export function compactionScenario(size: ScenarioSize): Scenario {
  const [create, update] = editRound(1);
  return {
    ...(size.serialize ? { serialize: size.serialize } : {}),
    name: `compaction (${size.cis} CIs, ${size.journal} journal records)`,
    document: DOC,
    setup: (dir) => writeStartingDocument(dir, DOC, size, 's'),
    steps: [{ kind: 'compact' }, create, { kind: 'compact' }, update],
  };
}

export function exportScenario(size: ScenarioSize): Scenario {
  const [create] = editRound(1);
  return {
    ...(size.serialize ? { serialize: size.serialize } : {}),
    name: `export (${size.cis} CIs over a document with ${size.journal} journal records, then to a new file)`,
    document: DOC,
    setup: async (dir) => {
      await writeStartingDocument(dir, DOC, size, 's');
      await writeStartingDocument(dir, 'copy.faultline', size, 'd');
    },
    steps: [{ kind: 'saveCopy', to: 'copy.faultline' }, create, { kind: 'saveCopy', to: 'new.faultline' }],
  };
}
