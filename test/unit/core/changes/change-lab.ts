// A small CMDB for the risk and conflict tests, and changes on it.
//   Checkout (criticality 1) ← Order API → orders-db → db-host;  Checkout ← Payments
//   Checkout ← web pool (needs 1 of web-1, web-2);  Search (criticality 4) ← Search API → cache
import { assessChanges, changeImpactCache, conflictsOf, transitionChange, conflictIndex, type ChangeAssessment } from '../../../../src/core/changes';
import { Cmdb, CmdbGraph } from '../../../../src/core/graph';
import type { Change, ChangeInput } from '../../../../src/shared/changes';
import type { Conflict } from '../../../../src/shared/risk';
import type { ScheduleWindow, ScheduleWindowInput } from '../../../../src/shared/schedule-windows';
import { testEnv } from '../graph/test-env';

export function changeLab(): Cmdb {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  const ci = (id: string, name: string, cls: string, extra: Record<string, unknown> = {}) => cmdb.createCi({ id, name, class: cls, ...extra });
  const rel = (source: string, type: string, target: string) => cmdb.createRelationship({ source, target, type });
  ci('checkout', 'Checkout', 'business_service', { criticality: 1 });
  ci('api', 'Order API', 'application');
  ci('db', 'orders-db', 'database');
  ci('host', 'db-host', 'server');
  ci('pay', 'Payments', 'application');
  ci('pool', 'web pool', 'cluster', { redundancy: { minHealthy: 1 } });
  ci('web1', 'web-1', 'server');
  ci('web2', 'web-2', 'server');
  ci('search', 'Search', 'business_service', { criticality: 4 });
  ci('sapi', 'Search API', 'application');
  ci('cache', 'cache', 'database');
  rel('api', 'part_of', 'checkout');
  rel('api', 'depends_on', 'db');
  rel('db', 'hosted_on', 'host');
  rel('pay', 'part_of', 'checkout');
  rel('web1', 'member_of', 'pool');
  rel('web2', 'member_of', 'pool');
  rel('pool', 'part_of', 'checkout');
  rel('sapi', 'part_of', 'search');
  rel('sapi', 'depends_on', 'cache');
  return cmdb;
}

/** 2026-03-01 (a Sunday) from `from` to `to`, UTC hours. */
export function sunday(from: string, to: string): { start: string; end: string } {
  return { start: `2026-03-01T${from}:00.000Z`, end: `2026-03-01T${to}:00.000Z` };
}

export function addChange(cmdb: Cmdb, input: Omit<Partial<ChangeInput>, 'targets'> & { targets: string[] }, state: Change['state'] = 'draft'): Change {
  const { targets, ...rest } = input;
  const change = cmdb.createRecord('change', { title: `Change ${targets.join(' ')}`, window: sunday('01:00', '03:00'), ...rest, targets: targets.map((ciId) => ({ ciId, mode: 'down' })) }).record as Change;
  const path: Change['state'][] = change.type === 'normal' ? ['assessed', 'cab_review', 'approved', 'scheduled'] : ['assessed', 'approved', 'scheduled'];
  let current = change;
  for (const to of path.slice(0, state === 'draft' ? 0 : path.indexOf(state) + 1)) current = transitionChange(cmdb, change.id, { to }).change;
  return current;
}

export function addWindow(cmdb: Cmdb, input: ScheduleWindowInput): ScheduleWindow {
  return cmdb.createRecord('window', input).record as ScheduleWindow;
}

export function conflictsFor(cmdb: Cmdb, change: Change): Conflict[] {
  const changes = [...cmdb.records.list('change')] as Change[];
  const windows = [...cmdb.records.list('window')] as ScheduleWindow[];
  const current = changes.find((c) => c.id === change.id) as Change;
  return conflictsOf({ graph: cmdb.graph, changes, windows, impactOf: changeImpactCache()(cmdb) }, current, conflictIndex(changes, windows));
}

export function assessmentOf(cmdb: Cmdb, change: Change, now = Date.parse('2026-02-01T00:00:00Z')): ChangeAssessment {
  const current = cmdb.records.get('change', change.id) as Change;
  return assessChanges(cmdb, changeImpactCache()(cmdb), now, [current]).get(change.id) as ChangeAssessment;
}
