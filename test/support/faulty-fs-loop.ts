// The I/O-fault loop (issue 14), shared by the unit test (a bounded N) and
// test/perf/io-fault-loop.ts (every N, larger documents): a scenario is first run with the
// FaultyFs only counting, then once for each N = 1, 2, … with call N failing (`once` or
// `forever`). After each run the documents are reopened with the real file system and must
// hold exactly the old or the new state (a canonical dump of CIs, relationships and records),
// never a third. What the user was told decides which: with no error reported, exactly what
// they were told (every acknowledged edit, the copy saved); an operation reported failed may
// have left the old state or, when nothing was acknowledged after it, the new one. After a
// passing fault (`once`, `burst`) only the operations that met it may fail: the store must recover.
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cmdb, CmdbEnvironment, Transaction } from '../../src/core/graph/cmdb';
import { recordsOf } from '../../src/core/graph/load';
import { openCmdbStore, type CmdbStore, type SerializeOptions } from '../../src/node/storage';
import { pathExists } from '../../src/node/storage/fs-util';
import { FaultyFs, type FaultPlan } from './faulty-fs';

/** One thing the user does: an edit (null when it no longer applies), a compaction or a copy saved to a path in the folder. */
export type Step =
  | { kind: 'edit'; label: string; make: (cmdb: Cmdb) => Transaction | null }
  | { kind: 'compact' }
  | { kind: 'saveCopy'; to: string };

export interface Scenario {
  name: string;
  /** The document the steps run on, in the folder. */
  document: string;
  /** Writes the starting files into an empty folder, with the real file system. */
  setup(dir: string): Promise<void>;
  steps: readonly Step[];
  /** Checkpoint slices (smaller ones: more writes to fail). */
  serialize?: SerializeOptions;
}

/** What a document held after one run, by the acceptable states' names. */
export type Reopened = 'old' | 'new' | 'third' | 'unopenable';

export interface RunOutcome {
  /** The call that failed (0: none planned). */
  at: number;
  /** `12 rename doc.faultline.journal`: the call at `at`. */
  call: string;
  injected: number;
  /** Steps and closes that reported an error to the caller. */
  errorsTold: number;
  /** How each document reopened. */
  reopened: Record<string, Reopened>;
  /** Documents that opened with an operation that was reported failed (its data reached the disk all the same). */
  keptAfterError: string[];
  /** Warnings the reopen gave (a torn tail dropped, an earlier recovery). */
  reopenWarnings: number;
  /** Why this run breaks the rule, when it does. */
  failure: string | null;
}

export interface LoopResult {
  scenario: string;
  mode: FaultPlan['mode'];
  /** File-system calls of the scenario with no fault. */
  calls: number;
  runs: RunOutcome[];
}

/** The state of a document that is not there (a copy not yet saved): neither its checkpoint nor a journal. */
const ABSENT = '(no document)';

/** Sorted keys, so the same state always dumps to the same text whatever path built it. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The state a user sees: CIs, relationships and every other record kind, canonical. */
export function dumpState(cmdb: Cmdb): string {
  return canonical({
    cis: [...cmdb.graph.cis()].sort(byId),
    relationships: [...cmdb.graph.relationships()].sort(byId),
    records: recordsOf(cmdb),
  });
}

/** Ids `ci_<tag>1`, `ci_<tag>2`, … and a clock one second apart: every run makes the same records. */
export function loopEnvironment(tag: string): CmdbEnvironment {
  let n = 0;
  return {
    actor: 'io-fault',
    now: () => new Date(Date.UTC(2025, 0, 1) + 1000 * n).toISOString(),
    newId: (prefix) => `${prefix}_${tag}${++n}`,
  };
}

function openReal(path: string, tag: string): Promise<CmdbStore> {
  return openCmdbStore(path, { env: loopEnvironment(tag), compaction: false });
}

/** The documents' states as the real file system opens them (or why it cannot). */
async function reopenAll(dir: string, names: readonly string[]): Promise<{ states: Record<string, string | Error>; warnings: number }> {
  const states: Record<string, string | Error> = {};
  let warnings = 0;
  for (const name of names) {
    const path = join(dir, name);
    if (!(await pathExists(path)) && (await readdir(dir)).every((file) => !file.startsWith(`${name}.journal`))) {
      states[name] = ABSENT;
      continue;
    }
    try {
      const store = await openReal(path, 'check');
      states[name] = dumpState(store.cmdb);
      warnings += store.warnings.length;
      await store.close();
    } catch (error) {
      states[name] = error as Error;
    }
  }
  return { states, warnings };
}

/** What running the steps told the user, and the states each document may now hold. */
interface StepsRun {
  errorsTold: number;
  /** By document: its state before the steps and what the user was told it now holds. */
  expected: Record<string, { old: string; told: string; alsoNew: string | null }>;
}

async function runSteps(dir: string, scenario: Scenario, fs: FaultyFs, plan: FaultPlan | null, oldStates: Record<string, string>): Promise<StepsRun> {
  const store = await openCmdbStore(join(dir, scenario.document), { env: loopEnvironment('run'), compaction: false, fs, ...(scenario.serialize ? { serialize: scenario.serialize } : {}) });
  const cmdb = store.cmdb;
  let errorsTold = 0;
  // The state with an edit whose save was reported failed: the file may still hold it, if nothing was acknowledged after it.
  let unacknowledged: string | null = null;
  const copies: Record<string, { old: string; told: string; alsoNew: string | null }> = {};
  fs.arm(plan);
  try {
    for (const step of scenario.steps) {
      if (step.kind === 'edit') {
        let tx: Transaction | null;
        try {
          tx = step.make(cmdb);
        } catch {
          tx = null; // it built on an edit that failed and was taken back
        }
        if (!tx) continue;
        try {
          await store.persist(tx);
          unacknowledged = null;
        } catch {
          // As the service does: take the edit back and tell the user.
          unacknowledged ??= dumpState(cmdb);
          cmdb.revert(tx);
          errorsTold++;
        }
      } else if (step.kind === 'compact') {
        await store.compact().catch(() => errorsTold++);
      } else {
        const state = dumpState(cmdb);
        const ok = await store.saveCopy(join(dir, step.to)).then(
          () => true,
          () => false,
        );
        if (!ok) errorsTold++;
        const old = copies[step.to]?.told ?? oldStates[step.to];
        copies[step.to] = ok ? { old, told: state, alsoNew: null } : { old, told: old, alsoNew: state };
      }
    }
    const told = dumpState(cmdb);
    await store.close().catch(() => errorsTold++);
    return {
      errorsTold,
      expected: { [scenario.document]: { old: oldStates[scenario.document], told, alsoNew: unacknowledged }, ...copies },
    };
  } finally {
    fs.disarm();
    await store.close().catch(() => undefined);
  }
}

/** Classifies what one document reopened as, and says what is wrong with it, if anything. */
function judge(name: string, got: string | Error, want: { old: string; told: string; alsoNew: string | null }): { reopened: Reopened; failure: string | null } {
  if (got instanceof Error) return { reopened: 'unopenable', failure: `${name} does not open: ${got.message}` };
  const reopened: Reopened = got === want.told ? (got === want.old ? 'old' : 'new') : got === want.alsoNew ? 'new' : got === want.old ? 'old' : 'third';
  if (got === want.told || got === want.alsoNew) return { reopened, failure: null };
  return {
    reopened,
    failure:
      reopened === 'old'
        ? `${name} opens to its old state, but the user was told the change was saved`
        : `${name} opens to a third state, neither what it held nor what the user was told`,
  };
}

/** Runs `scenario` once with no fault (to count its calls), then for N = 1 … min(calls, maxN). */
export interface LoopOptions {
  mode: FaultPlan['mode'];
  burst?: number;
  code?: FaultPlan['code'];
  tornWrites?: boolean;
  /** The last N to fail (all of the scenario's calls when absent). */
  maxN?: number;
}

export async function runFaultLoop(scenario: Scenario, options: LoopOptions): Promise<LoopResult> {
  const root = await mkdtemp(join(tmpdir(), 'faultline-io-fault-'));
  try {
    const template = join(root, 'template');
    await mkdir(template);
    await scenario.setup(template);
    const names = [scenario.document, ...scenario.steps.flatMap((s) => (s.kind === 'saveCopy' ? [s.to] : []))].filter((n, i, all) => all.indexOf(n) === i);
    const start = await reopenAll(template, names);
    const oldStates: Record<string, string> = {};
    for (const name of names) {
      const state = start.states[name];
      if (state instanceof Error) throw new Error(`${scenario.name}: ${name} does not open before any fault: ${state.message}`);
      oldStates[name] = state;
    }

    const runOnce = async (at: number): Promise<{ outcome: RunOutcome; calls: number }> => {
      const dir = join(root, `run-${at}`);
      await cp(template, dir, { recursive: true });
      const fs = new FaultyFs();
      const plan: FaultPlan | null =
        at === 0
          ? null
          : {
              at,
              mode: options.mode,
              ...(options.burst ? { burst: options.burst } : {}),
              ...(options.code ? { code: options.code } : {}),
              ...(options.tornWrites ? { tornWrites: true } : {}),
            };
      const run = await runSteps(dir, scenario, fs, plan, oldStates);
      const reopened = await reopenAll(dir, names);
      const outcome: RunOutcome = {
        at,
        call: fs.trace[at - 1] ?? '',
        injected: fs.injected,
        errorsTold: run.errorsTold,
        reopened: {},
        keptAfterError: [],
        reopenWarnings: reopened.warnings,
        failure: null,
      };
      const failures: string[] = [];
      for (const name of names) {
        const want = run.expected[name] ?? { old: oldStates[name], told: oldStates[name], alsoNew: null };
        const verdict = judge(name, reopened.states[name], want);
        outcome.reopened[name] = verdict.reopened;
        if (verdict.failure) failures.push(verdict.failure);
        const got = reopened.states[name];
        if (got === want.alsoNew && got !== want.told) outcome.keptAfterError.push(name);
      }
      if (options.mode !== 'forever' && run.errorsTold > fs.injected) {
        failures.push(`${fs.injected} passing fault(s) made ${run.errorsTold} operations fail: the store did not recover`);
      }
      outcome.failure = failures.length > 0 ? failures.join('; ') : null;
      await rm(dir, { recursive: true, force: true });
      return { outcome, calls: fs.calls };
    };

    const clean = await runOnce(0);
    if (clean.outcome.failure) throw new Error(`${scenario.name} fails with no fault: ${clean.outcome.failure}`);
    const last = Math.min(clean.calls, options.maxN ?? Infinity);
    const runs: RunOutcome[] = [];
    for (let at = 1; at <= last; at++) runs.push((await runOnce(at)).outcome);
    return { scenario: scenario.name, mode: options.mode, calls: clean.calls, runs };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
