// A 1,000,000-row CSV of CIs, imported as a dry run: wall time and peak resident memory of
//   npx tsx test/perf/import-1m-csv.ts [rows] [--apply]
// - `faultline import --db EMPTY.faultline FILE.csv --dry-run` (the CLI from the sources, in
//   process: read, parse in the import worker, hand-over, plan, print the preview);
// - with --apply, the same import applied (one transaction of `rows` creates, journalled and saved);
// - the import worker alone (startParseJob on the file's text, to the batch in this thread).
// Each runs in a fresh child process (one run each: a run holds the machine for a while), which
// reports process.resourceUsage().maxRSS (the whole process, worker threads included), its wall
// time from start to the end of the work and the CPU time of all its threads meanwhile (wall time
// on a shared machine moves with the load); the CSV is generated into a temp folder first.
// Prints figures only; asserts nothing.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const SELF = fileURLToPath(import.meta.url);

interface Figure {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  detail: string;
}

/** CPU time of the whole process (every thread), which a busy machine moves less than wall time. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

let cpuAtStart = 0;

function report(start: number, detail: string): void {
  const figure: Figure = { wallMs: performance.now() - start, cpuMs: cpuMs() - cpuAtStart, maxRssMb: process.resourceUsage().maxRSS / 1024, detail };
  console.log(`FIGURE ${JSON.stringify(figure)}`);
}

async function childCli(db: string, csv: string, apply = false): Promise<void> {
  const { main } = await import(pathToFileURL(join(ROOT, 'src/node/cli/main.ts')).href);
  let out = '';
  const io = { stdout: (text: string) => void (out += text), stderr: (text: string) => void process.stderr.write(text) };
  cpuAtStart = cpuMs();
  const start = performance.now();
  const code = (await main(['import', '--db', db, csv, ...(apply ? [] : ['--dry-run'])], io)) as number;
  if (code !== 0) throw new Error(`faultline import exited ${code}`);
  report(start, `preview printed: ${out.length} characters; ${out.split('\n').find((l) => l.startsWith('CIs:'))?.trim() ?? ''}`);
}

async function childWorker(csv: string): Promise<void> {
  const { decodeImportFile, startParseJob } = await import(pathToFileURL(join(ROOT, 'src/node/import-worker/index.ts')).href);
  cpuAtStart = cpuMs();
  const start = performance.now();
  const { text } = decodeImportFile(readFileSync(csv), 'big.csv');
  const source = await startParseJob({ content: text, fileName: 'big.csv' }).result;
  report(start, `batch: ${source.batch?.cis.length ?? 0} CIs`);
}

async function generate(path: string, rows: number): Promise<void> {
  const classes = ['server', 'application', 'database', 'virtual_machine'];
  const out = createWriteStream(path);
  const write = (text: string): Promise<void> | null => (out.write(text) ? null : new Promise((done) => out.once('drain', () => done())));
  await write('Name,class,environment,criticality,owner,tags,attr.rack,ext.servicenow\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `host-${i},${classes[i % 4]},prod,${1 + (i % 4)},"team, ${i % 50}",a;b,r${i % 300},sn${i}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((done) => out.end(() => done()));
}

function runChild(args: string[]): Figure {
  const result = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, FAULTLINE_DATA_DIR: join(args[args.length - 1], '..', 'data') },
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('FIGURE '));
  if (result.status !== 0 || !line) throw new Error(`child ${args[0]} exited ${result.status}: ${result.stderr.slice(-4000)}`);
  return JSON.parse(line.slice('FIGURE '.length)) as Figure;
}

async function parent(): Promise<void> {
  const apply = process.argv.includes('--apply');
  const rows = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 1_000_000);
  const scratch = mkdtempSync(join(tmpdir(), 'faultline-import-1m-'));
  try {
    const csv = join(scratch, 'big.csv');
    await generate(csv, rows);
    const db = join(scratch, 'empty.faultline');
    const made = spawnSync(process.execPath, [join(ROOT, 'src/node/cli/faultline.mjs'), 'new', db], { cwd: ROOT, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`faultline new failed: ${made.stderr}`);
    console.log(`${rows} rows, ${(statSync(csv).size / 1024 / 1024).toFixed(1)} MB of CSV (8 columns), into an empty document`);
    for (const [label, args] of [
      ['faultline import --dry-run (CLI, in process)', ['cli', db, csv]],
      ['import worker alone (parse + hand-over)', ['worker', csv]],
      ...(apply ? ([['faultline import, applied (CLI, in process)', ['apply', db, csv]]] as const) : []),
    ] as const) {
      const figure = runChild([...args]);
      console.log(`${label}: ${(figure.wallMs / 1000).toFixed(1)} s wall, ${(figure.cpuMs / 1000).toFixed(1)} s CPU (all threads), peak RSS ${figure.maxRssMb.toFixed(0)} MB (${figure.detail})`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--child');
if (childAt === -1) await parent();
else {
  const [mode, ...rest] = process.argv.slice(childAt + 1);
  if (mode === 'cli' || mode === 'apply') await childCli(rest[0], rest[1], mode === 'apply');
  else await childWorker(rest[0]);
}
