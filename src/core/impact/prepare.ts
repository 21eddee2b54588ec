// Readies the impact engine for a graph before anyone asks: the CSR indexes, the engine's
// per-CI scratch space and the name ranks that large results are sorted by. Each lives as long
// as the indexes it was built for, so after an edit the next query would build all three; at
// 100k CIs that is 100–300 ms the service can spend while the user is idle.
import type { CmdbGraph } from '../graph/cmdb-graph';
import { scratchFor } from './scratch';
import { nameRanks } from './sort';

export function prepareImpact(graph: CmdbGraph): void {
  nameRanks(scratchFor(graph.indexes()));
}

