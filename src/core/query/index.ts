export { graphView } from './graph-view';
export { subgraphView } from './subgraph';
export { searchCis } from './search';
export { facets } from './facets';
export { ciDetails } from './ci-details';
export { ciFilterPredicate } from './ci-filter';
export { listCis, resolveCi, type CiListOptions } from './ci-list';
