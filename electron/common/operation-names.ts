// The operation names as a plain list, without zod: the sandboxed preload bundles this file
// and must not pull in the schemas. `satisfies` plus the exhaustiveness check below make the
// typecheck fail when src/shared/operations.ts gains or loses an operation; a unit test checks
// the same at run time.
import type { OperationName } from '../../src/shared/operations';

export const PRELOAD_OPERATION_NAMES = [
  'doc.info',
  'doc.new',
  'doc.open',
  'doc.saveCopy',
  'view.graph',
  'view.subgraph',
  'view.facets',
  'ci.get',
  'ci.list',
  'ci.resolve',
  'ci.search',
  'ci.create',
  'ci.update',
  'ci.delete',
  'rel.create',
  'rel.update',
  'rel.delete',
  'settings.setDisplayName',
  'change.list',
  'change.calendar',
  'change.get',
  'change.create',
  'change.update',
  'change.transition',
  'change.vote',
  'change.recompute',
  'change.export',
  'change.report',
  'window.list',
  'window.create',
  'window.update',
  'window.delete',
  'risk.getWeights',
  'risk.setWeights',
  'incident.list',
  'incident.get',
  'incident.create',
  'incident.update',
  'incident.transition',
  'incident.commonCause',
  'incident.getSettings',
  'incident.setSettings',
  'problem.list',
  'problem.get',
  'problem.create',
  'problem.update',
  'problem.transition',
  'incident.export',
  'ci.activity',
  'history.undo',
  'history.redo',
  'impact.blastRadius',
  'impact.dependencies',
  'impact.spof',
  'import.preview',
  'import.progress',
  'import.cancel',
  'import.apply',
  'export.file',
  'snapshot.create',
  'snapshot.list',
  'snapshot.diff',
  'history.asOf',
] as const satisfies readonly OperationName[];

type MissingFromList = Exclude<OperationName, (typeof PRELOAD_OPERATION_NAMES)[number]>;
/** Fails to compile (with the missing names in the message) when an operation is not listed above. */
const _everyOperationListed: [MissingFromList] extends [never] ? true : MissingFromList = true;
void _everyOperationListed;

const NAME_SET: ReadonlySet<string> = new Set(PRELOAD_OPERATION_NAMES);

export function isPreloadOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && NAME_SET.has(name);
}
