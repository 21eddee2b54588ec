// Measures a 100,000-row CSV import preview's cost to the service's event loop:
//   npx tsx test/perf/import-worker.ts [rows]
// - parse CPU: readImportSource in this thread (the code the worker runs), process CPU time;
// - through the worker (startParseJob): wall time of the parse and of the hand-over, and the
//   longest block of this (the service's) event loop meanwhile (withLoopMonitor);
// - planning against an empty graph on the service's loop, in slices (runInSlices): CPU, and
//   the loop's longest block meanwhile.
// Least of 3 runs each. Prints figures only; asserts nothing.
import { CmdbGraph } from '../../src/core/graph';
import { readImportSource, startParseJob } from '../../src/node/import-worker';
import { planImportSteps } from '../../src/core/reconcile';
import { runInSlices } from '../../src/node/steps/run-in-slices';
import { withLoopMonitor } from '../bench/stats';

const rows = Number(process.argv[2] ?? 100_000);
const classes = ['server', 'application', 'database', 'virtual_machine'];
const lines = ['Id,Label,class,criticality,owner,tags,attr.notes,ext.servicenow'];
for (let i = 0; i < rows; i++) lines.push(`ci_${i},Host ${i},${classes[i % 4]},${1 + (i % 4)},"team, ${i % 50}",a;b,notes ${i},sn${i}`);
const content = lines.join('\n');

function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  const parseCpu: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = process.cpuUsage();
    readImportSource(content, { fileName: 'big.csv' });
    parseCpu.push(cpuMs(start));
  }

  const workerParse: number[] = [];
  const handOver: number[] = [];
  const longestBlock: number[] = [];
  let batch = null as ReturnType<typeof readImportSource>['batch'];
  for (let run = 0; run < 3; run++) {
    let parseStart = 0;
    let parseEnd = 0;
    const { value: source, longestBlockMs } = await withLoopMonitor(
      () =>
        startParseJob({ content, fileName: 'big.csv' }, (p) => {
          if (p.phase === 'parsing' && p.fraction === 0) parseStart = performance.now();
          if (p.phase === 'parsing' && p.fraction === 1) parseEnd = performance.now();
        }).result,
    );
    const end = performance.now();
    batch = source.batch;
    workerParse.push(parseEnd - parseStart);
    handOver.push(end - parseEnd);
    longestBlock.push(longestBlockMs);
  }

  const plan: number[] = [];
  const planBlock: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = process.cpuUsage();
    const { longestBlockMs } = await withLoopMonitor(async () => (batch ? runInSlices(planImportSteps(new CmdbGraph(), batch)) : null));
    plan.push(cpuMs(start));
    planBlock.push(longestBlockMs);
  }

  const least = (values: number[]) => Math.min(...values).toFixed(0);
  console.log(`${rows} rows, ${(content.length / 1024 / 1024).toFixed(1)} MB`);
  console.log(`parse CPU (in-process, same code as the worker): ${least(parseCpu)} ms`);
  console.log(`worker: parse ${least(workerParse)} ms wall, hand-over ${least(handOver)} ms wall`);
  console.log(`longest block of the service's event loop during worker parse + hand-over: ${least(longestBlock)} ms`);
  console.log(`planning on the service's loop, in slices: ${least(plan)} ms CPU, longest block ${least(planBlock)} ms`);
}

void main();
