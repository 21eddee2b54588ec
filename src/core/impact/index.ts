// The impact engine: blast radius, upstream dependencies and single points of failure over
// the CMDB graph's CSR indexes. Pure: imports src/shared and src/core/graph only.
export { blastRadius, settleImpact, type SettledImpact } from './blast-radius';
export { dependencies } from './dependencies';
export { singlePointsOfFailure } from './spof';
export { prepareImpact } from './prepare';
