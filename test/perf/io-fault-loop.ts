// The I/O-fault loop at full length (issue 14): every N of larger scenarios, each call failing
// once (EIO), in a burst of two calls (EIO), forever (EIO), and forever with torn writes (ENOSPC: a failed write leaves half its
// bytes, as a full disk does). After each run the documents are reopened with the real file
// system and must hold the old or the new state, never a third (test/support/faulty-fs-loop.ts).
//   npx tsx test/perf/io-fault-loop.ts [--cis 5000] [--rounds 3]
// Prints figures; exits 1 if any run breaks the rule. The unit suite runs the same loop on small
// scenarios (test/unit/node/storage/io-fault.test.ts).
import { parseArgs } from 'node:util';
import type { FaultPlan } from '../support/faulty-fs';
import { runFaultLoop, type LoopResult, type Scenario } from '../support/faulty-fs-loop';
import { compactionScenario, editsScenario, exportScenario } from '../support/faulty-fs-scenarios';

const { values } = parseArgs({ options: { cis: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '3' } } });
const cis = Number(values.cis);
const rounds = Number(values.rounds);
if (!Number.isSafeInteger(cis) || cis < 12 || !Number.isSafeInteger(rounds) || rounds < 1) {
  throw new Error('--cis takes a whole number of at least 12, --rounds one of at least 1');
}

// Small checkpoint slices, so a checkpoint is written in many pieces (each a call to fail).
const size = { cis, journal: 40, serialize: { ciChunk: 100, relationshipChunk: 200 } };
const scenarios: Scenario[] = [editsScenario(size, rounds), compactionScenario(size), exportScenario(size)];
const flavours: { label: string; mode: FaultPlan['mode']; code: FaultPlan['code']; tornWrites: boolean }[] = [
  { label: 'once, EIO', mode: 'once', code: 'EIO', tornWrites: false },
  { label: 'a burst of 2 calls, EIO', mode: 'burst', code: 'EIO', tornWrites: false },
  { label: 'forever, EIO', mode: 'forever', code: 'EIO', tornWrites: false },
  { label: 'forever, ENOSPC, torn writes', mode: 'forever', code: 'ENOSPC', tornWrites: true },
];

function figures(result: LoopResult, flavour: string, ms: number): string[] {
  const runs = result.runs;
  const byState = { old: 0, new: 0, third: 0, unopenable: 0 };
  for (const run of runs) for (const state of Object.values(run.reopened)) byState[state]++;
  const documents = runs.length === 0 ? 0 : Object.keys(runs[0].reopened).length;
  const failed = runs.filter((run) => run.failure !== null);
  const lines = [
    `${result.scenario} — ${flavour}`,
    `  calls without a fault ${result.calls}; runs ${runs.length}; faults injected ${runs.reduce((n, r) => n + r.injected, 0)}; ${(ms / 1000).toFixed(1)} s`,
    `  runs with an error reported ${runs.filter((r) => r.errorsTold > 0).length}; with none (the fault was absorbed) ${runs.filter((r) => r.errorsTold === 0).length}`,
    `  reopened (${documents} document${documents === 1 ? '' : 's'} a run): old state ${byState.old}, new state ${byState.new}` +
      ` (of which an operation reported failed had reached the disk: ${runs.filter((r) => r.keptAfterError.length > 0).length} runs),` +
      ` third state ${byState.third}, would not open ${byState.unopenable}; with a warning at reopen ${runs.filter((r) => r.reopenWarnings > 0).length} runs`,
    `  failures ${failed.length}`,
  ];
  for (const run of failed.slice(0, 10)) lines.push(`    N=${run.at} (${run.call}): ${run.failure}`);
  return lines;
}

let failures = 0;
const started = performance.now();
console.log(`I/O-fault loop: ${cis} CIs, ${rounds * 8} edits, every call N = 1 … failed in turn`);
for (const scenario of scenarios) {
  for (const flavour of flavours) {
    const t = performance.now();
    const result = await runFaultLoop(scenario, { mode: flavour.mode, code: flavour.code, tornWrites: flavour.tornWrites });
    failures += result.runs.filter((run) => run.failure !== null).length;
    console.log(figures(result, flavour.label, performance.now() - t).join('\n'));
  }
}
console.log(`total: ${failures} failures, ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failures > 0) process.exitCode = 1;
