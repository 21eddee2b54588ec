// Crash-safety child: opens a store and edits it in a loop until it is killed.
//   node child.mjs            then, on stdin: go <document> <run> <compaction: off | maxRecords>
// (The parent starts the next child while it checks the last one, so Node's start-up is
// not part of the loop's time; the store is opened only when `go` arrives.)
// Prints (stdout is a pipe, written synchronously):
//   ready <lastSeq>                     once the store is open
//   tx <JSON of the records>            before each persist
//   ack <lastSeq> <compacting 0|1>      after persist resolved: the edit is durable
import type { Cmdb, CmdbEnvironment, Transaction } from '../../src/core/graph/cmdb';
import { openCmdbStore } from '../../src/node/storage';
import { CI_CLASSES, RELATIONSHIP_TYPES } from '../../src/shared/model';
import { mulberry32 } from '../support/synthetic-cmdb';

function pick<T>(items: readonly T[], rnd: () => number): T {
  return items[Math.floor(rnd() * items.length)];
}

/** A random edit that the CMDB accepts; the document stays around a few hundred CIs. */
function nextEdit(cmdb: Cmdb, rnd: () => number, run: number, step: number): Transaction {
  const ids = [...cmdb.graph.cis()].map((c) => c.id);
  const roll = rnd();
  if (ids.length > 2) {
    if (roll < (ids.length > 300 ? 0.5 : 0.1)) return cmdb.deleteCi(pick(ids, rnd)).tx;
    if (roll < 0.3) return cmdb.updateCi(pick(ids, rnd), { owner: `owner-${step}`, attributes: { step: String(step) } }).tx;
    if (roll < 0.55) {
      const source = pick(ids, rnd);
      const target = pick(ids, rnd);
      const type = pick(RELATIONSHIP_TYPES, rnd);
      if (source !== target && cmdb.graph.findRelationship(source, target, type) === undefined) {
        return cmdb.createRelationship({ source, target, type, strength: rnd() < 0.3 ? 'soft' : 'hard' }).tx;
      }
    }
    if (roll < 0.6 && cmdb.canUndo) {
      const tx = cmdb.undo();
      if (tx) return tx;
    }
    if (roll < 0.65) {
      // A bigger transaction: a small import of ten CIs, each linked to an existing one.
      const ops = [];
      for (let i = 0; i < 10; i++) {
        const id = `ci_r${run}_b${step}_${i}`;
        ops.push({ kind: 'createCi' as const, input: { id, name: `Batch ${step}.${i}`, class: pick(CI_CLASSES, rnd) } });
        ops.push({ kind: 'createRelationship' as const, input: { source: id, target: pick(ids, rnd), type: 'runs_on' } });
      }
      return cmdb.applyBatch(`Import ${step}`, ops).tx;
    }
  }
  return cmdb.createCi({ name: `Edit ${step}`, class: pick(CI_CLASSES, rnd), tags: ['crash'], criticality: 1 + Math.floor(rnd() * 4) }).tx;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function readCommand(): Promise<string[]> {
  return new Promise((resolve) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      const nl = text.indexOf('\n');
      if (nl !== -1) {
        process.stdin.pause();
        resolve(text.slice(0, nl).split(' ').slice(1));
      }
    });
  });
}

async function main(): Promise<void> {
  const [document, runArg, compactionArg] = await readCommand();
  const run = Number(runArg);
  let ids = 0;
  const env: CmdbEnvironment = {
    actor: 'crash-child',
    now: () => new Date().toISOString(),
    newId: (prefix) => `${prefix}_r${run}_${++ids}`,
  };
  const store = await openCmdbStore(document, {
    env,
    createIfMissing: true,
    compaction: compactionArg === 'off' ? false : { maxRecords: Number(compactionArg) },
  });
  say(`ready ${store.cmdb.lastSeq}`);
  const rnd = mulberry32(run * 7919 + 1);
  for (let step = 0; ; step++) {
    const tx = nextEdit(store.cmdb, rnd, run, step);
    say(`tx ${JSON.stringify(tx.records)}`);
    await store.persist(tx);
    say(`ack ${tx.records[tx.records.length - 1].seq} ${store.stats().compacting ? 1 : 0}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
