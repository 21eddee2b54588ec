// Kills a child that edits a store with SIGKILL at random moments, then checks that the
// document opens and holds every acknowledged edit. Used by the unit suite (200 kills)
// and by run-crash-loop.ts (1,000).
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { applyRecord, type CmdbEnvironment } from '../../src/core/graph/cmdb';
import { RecordSet } from '../../src/core/records/record-set';
import { CmdbGraph } from '../../src/core/graph/cmdb-graph';
import { openCmdbStore } from '../../src/node/storage';
import type { Ci, JournalRecord, Relationship } from '../../src/shared/model';

export interface CrashLoopOptions {
  kills: number;
  /** First run number (runs seed the child's edits). */
  seed?: number;
  onProgress?: (done: number, figures: CrashLoopFigures) => void;
}

export interface CrashLoopFigures {
  kills: number;
  /** Kills that landed before the child had opened the store (during start-up or open). */
  killedBeforeReady: number;
  /** Edits acknowledged by the children, all of which were found after reopening. */
  acknowledgedEdits: number;
  /** Kills with an edit in flight (sent, not acknowledged), and how many of those turned out durable anyway. */
  killedInFlight: number;
  inFlightFoundDurable: number;
  /** Kills whose last acknowledgement reported a compaction running. */
  killedWhileCompacting: number;
  /**
   * SIGKILL never tears a write (the kernel finishes it), but a power cut can: in some runs
   * with an edit in flight the journal is cut at a random byte inside that edit's lines, as
   * a power cut would leave it. Reopening must drop the torn edit and keep the acknowledged ones.
   */
  tornTailsSimulated: number;
  /** Reopens that dropped a torn journal tail. */
  tornTailsDropped: number;
  segmentsLeftBehind: number;
  /** Journal files in the history folder at the end (compactions that completed). */
  historySegments: number;
  finalCis: number;
  finalRelationships: number;
  finalSeq: number;
  failures: string[];
  elapsedMs: number;
  /** Time spent with a child running (from `go` to its death) and reopening/checking. */
  childMs: number;
  verifyMs: number;
}

interface ChildOutcome {
  ready: boolean;
  acked: number;
  transactions: { records: JournalRecord[]; acked: boolean }[];
  lastAckCompacting: boolean;
  exitedOnItsOwn: boolean;
  stderr: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Bundles the child into plain ESM once, so each kill costs a `node` start, not a TypeScript compile. */
export function bundleChild(outDir: string): string {
  const outfile = join(outDir, 'edit-loop-child.mjs');
  buildSync({
    entryPoints: [join(here, 'edit-loop-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    logLevel: 'error',
  });
  return outfile;
}

function random(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

/** Starts a child that loads the bundle and waits for its `go` line. */
function startChild(bundle: string): Child {
  return spawn(process.execPath, [bundle], { stdio: ['pipe', 'pipe', 'pipe'] });
}

async function runChild(child: Child, document: string, run: number): Promise<ChildOutcome> {
  const compaction = run % 4 === 0 ? 'off' : String(pick([3, 10, 40], run));
  const outcome: ChildOutcome = { ready: false, acked: 0, transactions: [], lastAckCompacting: false, exitedOnItsOwn: false, stderr: '' };
  // When to kill: a random 5–60 ms after `go` (mostly while it opens the store), a random
  // 5–60 ms after the store is open, or after a random number of acknowledged edits.
  const mode = run % 3;
  const delay = random(5, 60);
  const afterAcks = random(1, 40);
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    child.kill('SIGKILL');
  };
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) !== -1) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.startsWith('ready ')) {
        outcome.ready = true;
        if (mode === 1) setTimeout(kill, delay);
      } else if (line.startsWith('tx ')) {
        outcome.transactions.push({ records: JSON.parse(line.slice(3)) as JournalRecord[], acked: false });
      } else if (line.startsWith('ack ')) {
        const [, seq, compacting] = line.split(' ');
        const last = outcome.transactions.at(-1);
        if (!last || last.records.at(-1)?.seq !== Number(seq)) throw new Error(`ack ${seq} does not match the last transaction`);
        last.acked = true;
        outcome.acked++;
        outcome.lastAckCompacting = compacting === '1';
        if (mode === 2 && outcome.acked >= afterAcks) kill();
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (outcome.stderr += chunk));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.stdin.write(`go ${document} ${run} ${compaction}\n`);
  if (mode === 0) setTimeout(kill, delay);
  await closed;
  outcome.exitedOnItsOwn = !killed;
  return outcome;
}

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length];
}

function sortedState(cis: Iterable<Ci>, relationships: Iterable<Relationship>): string {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return JSON.stringify({ cis: [...cis].sort(byId), relationships: [...relationships].sort(byId) });
}

/**
 * Cuts the live journal at a random byte after the last acknowledged record, inside the
 * lines of the edit in flight. Returns false when that edit left nothing in the journal.
 */
async function tearInFlightEdit(journal: string, ackedSeq: number): Promise<boolean> {
  const bytes = await readFile(journal).catch(() => null);
  if (!bytes || bytes.length === 0) return false;
  let ackedEnd = 0;
  for (let start = 0; start < bytes.length; ) {
    const nl = bytes.indexOf(0x0a, start);
    if (nl === -1) break;
    const { seq } = JSON.parse(bytes.toString('utf8', start, nl)) as JournalRecord;
    if (seq <= ackedSeq) ackedEnd = nl + 1;
    start = nl + 1;
  }
  if (bytes.length - ackedEnd < 2) return false;
  await truncate(journal, random(ackedEnd + 1, bytes.length - 1));
  return true;
}

const verifierEnv: CmdbEnvironment = { actor: 'verifier', now: () => new Date().toISOString(), newId: (p) => `${p}_verifier` };

export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopFigures> {
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'faultline-crash-'));
  const figures: CrashLoopFigures = {
    kills: 0,
    killedBeforeReady: 0,
    acknowledgedEdits: 0,
    killedInFlight: 0,
    inFlightFoundDurable: 0,
    killedWhileCompacting: 0,
    tornTailsSimulated: 0,
    tornTailsDropped: 0,
    segmentsLeftBehind: 0,
    historySegments: 0,
    finalCis: 0,
    finalRelationships: 0,
    finalSeq: 0,
    failures: [],
    elapsedMs: 0,
    childMs: 0,
    verifyMs: 0,
  };
  try {
    const bundle = bundleChild(work);
    const document = join(work, 'crash.faultline');
    // The state every acknowledged edit so far adds up to (the verified reopened state).
    let expected = new CmdbGraph();
    let expectedSeq = 0;
    const seed = options.seed ?? 1;
    // Children warm up (start Node, load the bundle) while earlier runs are killed and checked.
    const warm = [startChild(bundle), startChild(bundle)];
    for (let run = seed; run < seed + options.kills; run++) {
      const child = warm.shift() as Child;
      warm.push(startChild(bundle));
      const childStarted = performance.now();
      const outcome = await runChild(child, document, run);
      const verifyStarted = performance.now();
      figures.childMs += verifyStarted - childStarted;
      if (outcome.exitedOnItsOwn) {
        figures.failures.push(`run ${run}: the child exited by itself: ${outcome.stderr.trim().split('\n')[0]}`);
        break;
      }
      figures.kills++;
      if (!outcome.ready) figures.killedBeforeReady++;
      figures.acknowledgedEdits += outcome.acked;
      if (outcome.lastAckCompacting) figures.killedWhileCompacting++;
      const acked = outcome.transactions.filter((t) => t.acked);
      const inFlight = outcome.transactions.find((t) => !t.acked) ?? null;
      if (inFlight) figures.killedInFlight++;
      for (const t of acked) for (const record of t.records) applyRecord({ graph: expected, records: new RecordSet() }, record);
      const ackedSeq = acked.at(-1)?.records.at(-1)?.seq ?? expectedSeq;

      let torn = false;
      if (inFlight && run % 2 === 0) torn = await tearInFlightEdit(`${document}.journal`, ackedSeq);
      if (torn) figures.tornTailsSimulated++;
      const segmentsBefore = (await readdir(work)).filter((n) => /\.journal\.\d+-\d+/.test(n)).length;
      let store;
      try {
        store = await openCmdbStore(document, { env: verifierEnv, createIfMissing: true, compaction: false });
      } catch (error) {
        figures.failures.push(`run ${run}: reopening failed: ${(error as Error).message}`);
        break;
      }
      try {
        if (store.warnings.some((w) => w.includes('incomplete tail'))) figures.tornTailsDropped++;
        if (segmentsBefore > 0) figures.segmentsLeftBehind++;
        const actual = sortedState(store.cmdb.graph.cis(), store.cmdb.graph.relationships());
        const lastSeq = store.cmdb.lastSeq;
        if (torn && lastSeq !== ackedSeq) {
          figures.failures.push(`run ${run}: the torn in-flight edit was replayed (seq ${lastSeq}, acknowledged ${ackedSeq})`);
        } else if (lastSeq === ackedSeq) {
          if (actual !== sortedState(expected.cis(), expected.relationships())) {
            figures.failures.push(`run ${run}: at seq ${lastSeq} the reopened state differs from the acknowledged edits`);
          }
        } else if (inFlight && lastSeq === inFlight.records.at(-1)?.seq) {
          for (const record of inFlight.records) applyRecord({ graph: expected, records: new RecordSet() }, record);
          figures.inFlightFoundDurable++;
          if (actual !== sortedState(expected.cis(), expected.relationships())) {
            figures.failures.push(`run ${run}: at seq ${lastSeq} (the in-flight edit) the reopened state differs`);
          }
        } else {
          figures.failures.push(`run ${run}: reopened at seq ${lastSeq}, but the last acknowledged edit is seq ${ackedSeq}`);
        }
        // Go on from what is on disk (verified equal to `expected`).
        expected = new CmdbGraph(store.cmdb.graph.cis(), store.cmdb.graph.relationships());
        expectedSeq = lastSeq;
        figures.finalCis = store.cmdb.graph.ciCount;
        figures.finalRelationships = store.cmdb.graph.relationshipCount;
        figures.finalSeq = lastSeq;
      } finally {
        await store.close();
      }
      figures.verifyMs += performance.now() - verifyStarted;
      if (figures.failures.length > 0) break;
      options.onProgress?.(figures.kills, figures);
    }
    for (const spare of warm) spare.kill('SIGKILL');
    figures.historySegments = await readdir(`${document}.history`).then((n) => n.length, () => 0);
  } finally {
    figures.elapsedMs = performance.now() - started;
    await rm(work, { recursive: true, force: true });
  }
  return figures;
}
