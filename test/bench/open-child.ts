// Run in a fresh process by storage-bench.ts:
//   node --expose-gc out/bench/open-child.mjs <document> <edits> <seed>   (bundled by run.ts; --import tsx test/bench/open-child.ts under --source)
// Opens the document with the store, builds the traversal indexes, reports heap, then makes a
// burst of edits one after another, each persisted: the synchronous part of an edit (what blocks
// the process) and the time until persist() resolves (durable). Prints one JSON line.
import { openCmdbStore, nodeEnvironment } from '../../src/node/storage/index';
import { collectGarbage, summarize } from './stats';
import { mulberry32 } from '../support/synthetic-cmdb';

export interface OpenChildReport {
  /** Process start (timeOrigin) to the script's first line: Node startup and imports (tsx compiling them too, under --source). */
  startupMs: number;
  /** openCmdbStore called → resolved. */
  openMs: number;
  /** First graph.indexes() after open. */
  indexMs: number;
  /** openCmdbStore called → indexes ready. */
  readyMs: number;
  /** Process start → indexes ready. */
  processReadyMs: number;
  openTimings: { readMs: number; parseMs: number; validateMs: number; buildMs: number };
  heapUsedMb: number;
  arrayBuffersMb: number;
  rssMb: number;
  cis: number;
  relationships: number;
  edits: { syncMs: ReturnType<typeof summarize>; durableMs: ReturnType<typeof summarize> };
}

async function main(): Promise<void> {
  const startupMs = performance.now();
  const [path, editsArg = '200', seedArg = '1'] = process.argv.slice(2);
  if (!path) throw new Error('usage: open-child.ts <document> [edits] [seed]');

  const t0 = performance.now();
  const store = await openCmdbStore(path, { env: nodeEnvironment('bench'), compaction: false });
  const t1 = performance.now();
  const ix = store.cmdb.graph.indexes();
  const t2 = performance.now();

  collectGarbage();
  const memory = process.memoryUsage();

  const random = mulberry32(Number(seedArg));
  const ids = ix.ciIds;
  const sync: number[] = [];
  const durable: number[] = [];
  const edits = Number(editsArg);
  for (let i = 0; i < edits; i++) {
    const id = ids[Math.floor(random() * ids.length)];
    const start = performance.now();
    const { tx } = store.cmdb.updateCi(id, { tags: ['synthetic', `bench-${i}`] });
    const persisted = store.persist(tx);
    const returned = performance.now();
    await persisted;
    const done = performance.now();
    sync.push(returned - start);
    durable.push(done - start);
  }
  await store.close();

  const report: OpenChildReport = {
    startupMs,
    openMs: t1 - t0,
    indexMs: t2 - t1,
    readyMs: t2 - t0,
    processReadyMs: t2,
    openTimings: {
      readMs: store.openTimings.readMs,
      parseMs: store.openTimings.parseMs,
      validateMs: store.openTimings.validateMs,
      buildMs: store.openTimings.buildMs,
    },
    heapUsedMb: memory.heapUsed / 1048576,
    arrayBuffersMb: memory.arrayBuffers / 1048576,
    rssMb: memory.rss / 1048576,
    cis: ix.n,
    relationships: ix.m,
    edits: { syncMs: summarize(sync), durableMs: summarize(durable) },
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
