// Measures what the first simulation after an edit costs, with and without the preparation the
// service runs once edits pause (prepareImpact):
//   npx tsx test/perf/first-impact-after-edit.ts [cis]
// For each of 7 rounds: edit one CI, rebuild the indexes (as the Explore view's refresh does),
// then time the first blast radius of a small target and of a hub; once cold, once after
// prepareImpact. Prints medians only; asserts nothing.
import { CmdbGraph } from '../../src/core/graph/cmdb-graph';
import { blastRadius, prepareImpact } from '../../src/core/impact';
import { failureFanOut } from '../bench/plain-bfs';
import { fmtMs, median, time } from '../bench/stats';
import { generateSyntheticCmdb } from '../support/synthetic-cmdb';

const ROUNDS = 7;

function main(): void {
  const cis = Number(process.argv[2] ?? 100_000);
  const document = generateSyntheticCmdb({ cis, seed: 20250601 });
  const graph = new CmdbGraph(document.cis, document.relationships);
  const ix = graph.indexes();
  const fan = failureFanOut(ix);
  const hub = ix.ciIds[Array.from(fan.keys()).sort((a, b) => fan[b] - fan[a] || a - b)[10]];
  const simulate = (ciId: string) => time(() => blastRadius(graph, { targets: [{ ciId, mode: 'down' }] })).ms;
  // A typical target: the first CI whose change impacts between 5 and 50 others.
  const small = ix.ciIds.find((ciId) => {
    const count = blastRadius(graph, { targets: [{ ciId, mode: 'down' }] }).impacted.count;
    return count >= 5 && count <= 50;
  });
  if (small === undefined) throw new Error('no CI impacts between 5 and 50 others');
  for (let w = 0; w < 10; w++) simulate(hub);

  let edits = 0;
  const edit = () => {
    const ci = document.cis[edits++ % document.cis.length];
    graph.putCi({ ...ci, owner: `owner-${edits}` });
    graph.indexes();
  };
  const figures = { coldSmall: [] as number[], coldHub: [] as number[], prepare: [] as number[], preparedSmall: [] as number[], preparedHub: [] as number[], warmHub: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    edit();
    figures.coldSmall.push(simulate(small));
    edit();
    figures.coldHub.push(simulate(hub));
    edit();
    figures.prepare.push(time(() => prepareImpact(graph)).ms);
    figures.preparedSmall.push(simulate(small));
    edit();
    prepareImpact(graph);
    figures.preparedHub.push(simulate(hub));
    figures.warmHub.push(simulate(hub));
  }
  console.log(`${cis} CIs, ${document.relationships.length} relationships; medians of ${ROUNDS} edits`);
  console.log(`first simulation after an edit, target impacting 5–50 CIs: ${fmtMs(median(figures.coldSmall))} unprepared, ${fmtMs(median(figures.preparedSmall))} prepared`);
  console.log(`first simulation after an edit, hub (10th largest): ${fmtMs(median(figures.coldHub))} unprepared, ${fmtMs(median(figures.preparedHub))} prepared (the next one: ${fmtMs(median(figures.warmHub))})`);
  console.log(`prepareImpact itself (indexes already rebuilt): ${fmtMs(median(figures.prepare))}`);
}

main();
