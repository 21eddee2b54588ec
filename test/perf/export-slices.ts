// Measures what a large export costs the service's event loop:
//   npx tsx test/perf/export-slices.ts [cis]
// For each text format: the export of a generated CMDB (synthetic-cmdb, default 100,000 CIs) run
// in slices as the service runs it (runInSlices), its wall time and the loop's longest block
// meanwhile. Prints figures only; asserts nothing.
import { TEXT_EXPORT_FORMATS, writeTextExportSteps } from '../../src/core/formats/export';
import { runInSlices } from '../../src/node/steps/run-in-slices';
import { withLoopMonitor } from '../bench/stats';
import { generateSyntheticCmdb } from '../support/synthetic-cmdb';

async function main(): Promise<void> {
  const cis = Number(process.argv[2] ?? 100_000);
  const document = generateSyntheticCmdb({ cis, seed: 20250601 });
  const scope = { cis: document.cis, relationships: document.relationships };
  console.log(`${cis} CIs, ${document.relationships.length} relationships`);
  for (const format of TEXT_EXPORT_FORMATS) {
    const { value, ms, longestBlockMs } = await withLoopMonitor(() => runInSlices(writeTextExportSteps(format, scope)));
    const mb = value.reduce((sum, file) => sum + file.content.length, 0) / 1048576;
    console.log(`${format}: ${ms.toFixed(0)} ms, ${mb.toFixed(1)} MB, longest event-loop block ${longestBlockMs.toFixed(0)} ms`);
  }
}

void main();
