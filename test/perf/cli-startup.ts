// The CLI's start-up, as whole processes (spawn to exit), median of 5 runs each after one run
// that makes sure the prebuilt CLI is current (it rebuilds a stale out/cli):
//   npx tsx test/perf/cli-startup.ts        (npm run perf:cli; part of npm test)
// - `faultline --help` and `faultline impact` on the sample through the bin (src/node/cli/faultline.mjs,
//   what `npx faultline` and an installed `faultline` run), against the 300 ms and 500 ms;
// - the same `--help` through `npx`, with npm's own start-up beside it: `npm --version` (npm's CLI
//   and config) and `npx -c true` (npm exec without faultline). In a project whose package.json
//   has the bin, `npx faultline` reads the project's node_modules tree twice (npm's libnpmexec:
//   the local tree, then its npx-cache entry, a link to the project); no project .npmrc setting
//   skips that (update-notifier, fund, audit, logs-max, loglevel were measured: no change);
//   the last line splits the difference between npx and the bin;
// - `--help` run from the TypeScript sources through tsx, the way the bin ran before the build.
// Prints figures only; asserts nothing (a busy machine moves them).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from '../bench/stats';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const BIN = join(ROOT, 'src/node/cli/faultline.mjs');
const RUNS = 5;

interface Figure {
  label: string;
  ms: number;
  target?: number;
}

function run(command: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function medianOf(command: string, args: string[]): number {
  run(command, args);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(run(command, args));
  return median(times);
}

const fromSources = `const { main } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'src/node/cli/main.ts')).href)}); process.exitCode = await main(['--help']);`;
// A copy of the sample: opening a document takes its lock and may start its journal, which must not land in the repository.
const scratch = mkdtempSync(join(tmpdir(), 'faultline-cli-startup-'));
const sample = join(scratch, 'sample-cmdb.faultline');
copyFileSync(join(ROOT, 'resources/sample-cmdb.faultline'), sample);
const impact = ['impact', '--db', sample, '--ci', 'db-orders-primary'];
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const figures: Figure[] = [
  { label: 'faultline --help (bin)', ms: medianOf(process.execPath, [BIN, '--help']), target: 300 },
  { label: 'faultline impact on the sample (bin)', ms: medianOf(process.execPath, [BIN, ...impact]), target: 500 },
  { label: 'npx faultline --help', ms: medianOf(npx, ['faultline', '--help']) },
  { label: 'npx -c true (npm exec alone, no faultline)', ms: medianOf(npx, ['-c', 'true']) },
  { label: 'npm --version (npm alone: its CLI and config)', ms: medianOf(npm, ['--version']) },
  { label: 'node -e 0 (Node alone)', ms: medianOf(process.execPath, ['-e', '0']) },
  { label: '--help from the sources through tsx', ms: medianOf(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', fromSources]) },
];

rmSync(scratch, { recursive: true, force: true });

console.log(`CLI start-up, whole processes, median of ${RUNS} (ms):`);
const width = figures.reduce((w, f) => Math.max(w, f.label.length), 0);
for (const f of figures) {
  const verdict = f.target === undefined ? '' : `  target ≤ ${f.target}: ${f.ms <= f.target ? 'ok' : 'MISSED'}`;
  console.log(`  ${f.label.padEnd(width)}  ${f.ms.toFixed(0).padStart(5)}${verdict}`);
}
const figure = (label: string) => figures.find((f) => f.label.startsWith(label))?.ms ?? Number.NaN;
const npxOverhead = figure('npx faultline --help') - figure('faultline --help (bin)');
const npmStart = figure('npm --version') - figure('node -e 0');
console.log(
  `  npx adds ${npxOverhead.toFixed(0)} ms to the bin: npm's own start ${npmStart.toFixed(0)} ms over Node's, ` +
    `the rest npm exec (loading its modules and the project's node_modules tree)`,
);
