// Prints how long the layout of a big Explore view takes, with the same request the page sends
// its layout worker (src/renderer/graph/layout-input.ts) run by the same ELK build (elk.bundled.js,
// as layout.worker.ts runs it), on views the core cuts from a generated CMDB:
//   npx tsx test/perf/layout-view.ts [cis]
// - the whole of a 1,000-CI CMDB (a 1,000-node view),
// - the view a large CMDB opens on (the server's 2-hop neighbourhood, capped at 1,000 CIs),
// - the same neighbourhood as the canvas draws it, its crowded buckets grouped (neighbourhood-groups.ts).
// Median of 3 runs after one warm-up layout; asserts nothing.
import ELK from 'elkjs/lib/elk.bundled.js';
import { CmdbGraph } from '../../src/core/graph/cmdb-graph';
import { graphView } from '../../src/core/query/graph-view';
import type { GraphView } from '../../src/shared/operations';
import { toElements } from '../../src/renderer/graph/elements';
import { buildLayoutRequest } from '../../src/renderer/graph/layout-input';
import { groupNeighbourhood } from '../../src/renderer/graph/neighbourhood-groups';
import { median } from '../bench/stats';
import { generateSyntheticCmdb } from '../support/synthetic-cmdb';

const RUNS = 3;
const elk = new ELK();

async function layoutMs(view: GraphView, decor?: Parameters<typeof toElements>[1]): Promise<{ ms: number; nodes: number; edges: number }> {
  const elements = toElements(view, decor);
  const request = buildLayoutRequest(elements, 'layered', 'RIGHT');
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await elk.layout(structuredClone(request.graph));
    times.push(performance.now() - start);
  }
  return { ms: median(times), nodes: elements.nodes.length, edges: elements.edges.length };
}

async function main(): Promise<void> {
  const cis = Number(process.argv[2] ?? 100_000);
  const base = { filters: {}, nodeCap: 1000, edgeCap: 2000 };
  const small = generateSyntheticCmdb({ cis: 1000, seed: 3 });
  const whole = graphView(new CmdbGraph(small.cis, small.relationships), base);
  await elk.layout(structuredClone(buildLayoutRequest(toElements(whole), 'layered', 'RIGHT').graph));
  const rows: [string, { ms: number; nodes: number; edges: number }][] = [];
  rows.push(['a 1,000-CI CMDB, whole', await layoutMs(whole)]);
  const document = generateSyntheticCmdb({ cis, seed: 3 });
  const opening = graphView(new CmdbGraph(document.cis, document.relationships), base);
  rows.push([`${cis.toLocaleString('en')} CIs: opening view (${opening.focusCiId}, 2 hops)`, await layoutMs(opening)]);
  const grouped = opening.focusCiId ? groupNeighbourhood(opening, opening.focusCiId, new Set()) : null;
  if (grouped) rows.push(['  the same, grouped as the canvas draws it', await layoutMs(grouped.view, grouped.decor)]);
  console.log(`Layout (ELK layered, as the worker runs it), median of ${RUNS}:`);
  for (const [name, r] of rows) console.log(`  ${name.padEnd(48)} ${String(r.nodes).padStart(5)} nodes ${String(r.edges).padStart(5)} edges  ${r.ms.toFixed(0).padStart(6)} ms`);
}

void main();
