// Incidents and problems: priority from the matrix and its edits, affected services through
// redundancy, SLA clocks, probable-cause ranking and its lookback, common cause with partial
// coverage and an unrelated incident, the problem's life.
import { describe, expect, it } from 'vitest';
import { transitionChange } from '../../../../src/core/changes';
import type { Cmdb } from '../../../../src/core/graph';
import { commonCause, incidentSettingsOf, probableCauses, sameOutage, setIncidentSettings, slaOf, transitionIncident, transitionProblem } from '../../../../src/core/incidents';
import { DEFAULT_INCIDENT_SETTINGS, DEFAULT_SLA_TARGETS, type Incident, type IncidentInput, type Problem } from '../../../../src/shared/incidents';
import { cmdbErrorOf } from '../../../support/cmdb-error';
import { addChange, changeLab } from '../changes/change-lab';

function open(cmdb: Cmdb, input: Omit<IncidentInput, 'title'> & { title?: string }): Incident {
  return cmdb.createRecord('incident', { title: 'Something is down', ...input }).record as Incident;
}

describe('an incident', () => {
  it('is numbered INC0001, hurts the services its CIs take down, and suggests its impact from their criticality', () => {
    const cmdb = changeLab();
    const first = open(cmdb, { affectedCiIds: ['db'] });
    expect(first).toMatchObject({ number: 'INC0001', status: 'new', suggestedImpact: 1, impact: 1, urgency: 2, priority: 2 });
    expect(first.affectedServices.map((s) => s.name)).toEqual(['Checkout']);
    // Search has criticality 4: impact 3; urgency 1 gives P3 in the ITIL matrix.
    expect(open(cmdb, { affectedCiIds: ['cache'], urgency: 1 })).toMatchObject({ number: 'INC0002', impact: 3, priority: 3 });
    expect(cmdbErrorOf(() => open(cmdb, { affectedCiIds: [] }))).toMatchObject({ field: 'affectedCiIds' });
    expect(cmdbErrorOf(() => open(cmdb, { affectedCiIds: ['ghost'] }))).toMatchObject({ field: 'affectedCiIds[0]' });
  });

  it('respects redundancy: one web server of the pool down hurts no service; both do', () => {
    const cmdb = changeLab();
    expect(open(cmdb, { affectedCiIds: ['web1'] }).affectedServices.map((s) => s.id)).toEqual([]);
    expect(open(cmdb, { affectedCiIds: ['web1', 'web2'] }).affectedServices.map((s) => s.id)).toEqual(['checkout']);
  });

  it('takes an overridden impact, keeps it through edits, and follows an edited matrix', () => {
    const cmdb = changeLab();
    const incident = open(cmdb, { affectedCiIds: ['db'], impact: 3, urgency: 3 });
    expect(incident).toMatchObject({ impact: 3, suggestedImpact: 1, priority: 5 });
    const edited = cmdb.updateRecord('incident', incident.id, { urgency: 1 }).record as Incident;
    expect(edited).toMatchObject({ impact: 3, priority: 3 });
    setIncidentSettings(cmdb, { ...DEFAULT_INCIDENT_SETTINGS, priorityMatrix: [[1, 1, 2], [2, 2, 3], [2, 3, 4]] });
    expect(incidentSettingsOf(cmdb).isDefault).toBe(false);
    expect((cmdb.updateRecord('incident', incident.id, { impact: null }).record as Incident)).toMatchObject({ impact: 1, priority: 1 });
    expect(cmdbErrorOf(() => setIncidentSettings(cmdb, { ...DEFAULT_INCIDENT_SETTINGS, priorityMatrix: [[1, 2, 6], [2, 3, 4], [3, 4, 5]] }))).toMatchObject({ field: 'priorityMatrix.0.2' });
  });

  it('moves new → in_progress → resolved → closed, stamping response, resolution and closing; a refused move names the allowed ones', () => {
    const cmdb = changeLab();
    const { id } = open(cmdb, { affectedCiIds: ['db'] });
    expect(transitionIncident(cmdb, id, 'in_progress').incident.respondedAt).not.toBeNull();
    expect(transitionIncident(cmdb, id, 'resolved').incident.resolvedAt).not.toBeNull();
    expect(cmdbErrorOf(() => transitionIncident(cmdb, id, 'on_hold'))?.message).toContain('from resolved it can go to closed or in_progress');
    expect(transitionIncident(cmdb, id, 'closed').incident.closedAt).not.toBeNull();
  });
});

describe('SLA clocks', () => {
  const incident = (patch: Partial<Incident>): Incident =>
    ({ priority: 1, openedAt: '2026-03-01T10:00:00.000Z', respondedAt: null, resolvedAt: null, ...patch }) as Incident;
  const at = (time: string) => Date.parse(time);

  it('run with time left, breach once past due, and are met when answered in time (P1: 15 min response, 4 h resolution)', () => {
    const running = slaOf(incident({}), DEFAULT_SLA_TARGETS, at('2026-03-01T10:10:00Z'));
    expect(running.response).toEqual({ dueAt: '2026-03-01T10:15:00.000Z', state: 'running', leftMs: 5 * 60_000 });
    expect(running.breached).toBe(false);
    const late = slaOf(incident({}), DEFAULT_SLA_TARGETS, at('2026-03-01T10:20:00Z'));
    expect(late.response).toMatchObject({ state: 'breached', leftMs: -5 * 60_000 });
    expect(late.breached).toBe(true);
    const answered = slaOf(incident({ respondedAt: '2026-03-01T10:14:00Z', resolvedAt: '2026-03-01T14:30:00Z' }), DEFAULT_SLA_TARGETS, at('2026-03-02T00:00:00Z'));
    expect([answered.response.state, answered.resolution.state]).toEqual(['met', 'breached']);
  });
});

describe('probable causes', () => {
  /** A change on `target` implemented at the test clock's time (2026-01-01). */
  function implemented(cmdb: Cmdb, target: string, title: string) {
    const change = addChange(cmdb, { targets: [target], title }, 'scheduled');
    return transitionChange(cmdb, change.id, { to: 'implemented' }).change;
  }

  it('are changes implemented within the lookback on the affected CIs or what they stand on, nearest first, with the path', () => {
    const cmdb = changeLab();
    const onHost = implemented(cmdb, 'host', 'Patch the host');
    const onDb = implemented(cmdb, 'db', 'Tune orders-db');
    implemented(cmdb, 'cache', 'Flush cache');
    const incident = open(cmdb, { affectedCiIds: ['api'], openedAt: '2026-01-02T00:00:00.000Z' });
    const causes = probableCauses(cmdb.graph, incident, [...cmdb.records.list('change')] as never);
    expect(causes.map((c) => [c.changeNumber, c.distance])).toEqual([
      [onDb.number, 1],
      [onHost.number, 2],
    ]);
    expect(causes[1].path).toEqual(['host', 'db', 'api']);
    // Opened four days later: both fall outside the 72-hour lookback.
    const later = open(cmdb, { affectedCiIds: ['api'], openedAt: '2026-01-05T00:00:00.000Z' });
    expect(probableCauses(cmdb.graph, later, [...cmdb.records.list('change')] as never)).toEqual([]);
    // Before it was implemented, a change cannot have caused it.
    const before = open(cmdb, { affectedCiIds: ['api'], openedAt: '2025-12-31T00:00:00.000Z' });
    expect(probableCauses(cmdb.graph, before, [...cmdb.records.list('change')] as never)).toEqual([]);
  });

  it('include a change under way when the incident opened: its window had begun, it was implemented after', () => {
    const cmdb = changeLab();
    // The test clock implements at 2026-01-01T00:00Z; the window runs from 2025-12-31 23:00.
    const running = addChange(cmdb, { targets: ['db'], title: 'Grow the volume', window: { start: '2025-12-31T23:00:00.000Z', end: '2026-01-01T01:00:00.000Z' } }, 'scheduled');
    transitionChange(cmdb, running.id, { to: 'implemented' });
    const during = open(cmdb, { affectedCiIds: ['api'], openedAt: '2025-12-31T23:30:00.000Z' });
    expect(probableCauses(cmdb.graph, during, [...cmdb.records.list('change')] as never).map((c) => c.changeNumber)).toEqual([running.number]);
    const beforeWindow = open(cmdb, { affectedCiIds: ['api'], openedAt: '2025-12-31T22:30:00.000Z' });
    expect(probableCauses(cmdb.graph, beforeWindow, [...cmdb.records.list('change')] as never)).toEqual([]);
  });

  it('and open incidents on the CIs it stands on are probably the same outage', () => {
    const cmdb = changeLab();
    const dbDown = open(cmdb, { affectedCiIds: ['db'] });
    open(cmdb, { affectedCiIds: ['cache'] });
    const checkout = open(cmdb, { affectedCiIds: ['checkout'] });
    const incidents = [...cmdb.records.list('incident')] as Incident[];
    expect(sameOutage(cmdb.graph, checkout, incidents).map((s) => [s.number, s.distance])).toEqual([[dbDown.number, 2]]);
  });
});

describe('common cause', () => {
  it('names the CI whose failure explains the most incidents, then the one with the fewest other services, with what is left over', () => {
    const cmdb = changeLab();
    cmdb.createCi({ id: 'refunds', name: 'Refunds', class: 'business_service', criticality: 2 });
    cmdb.createRelationship({ source: 'refunds', target: 'db', type: 'depends_on' });
    const a = open(cmdb, { affectedCiIds: ['checkout'] });
    const b = open(cmdb, { affectedCiIds: ['refunds'] });
    const unrelated = open(cmdb, { affectedCiIds: ['search'] });
    const result = commonCause(cmdb.graph, [a, b, unrelated]);
    const [top, second] = result.candidates;
    // orders-db and db-host both explain 2 of 3 and take down no other service: either may rank first.
    expect(top.explains).toEqual([a.id, b.id]);
    expect(top.leftOver).toEqual([unrelated.id]);
    expect(['db', 'host']).toContain(top.ciId);
    expect(second.explains).toHaveLength(2);
    expect(result.summary).toMatch(/explains 2 of 3 incidents$/);
    expect(top.paths.find((p) => p.incidentId === b.id)?.path.at(-1)).toBe('refunds');
  });

  it('prefers the cause that takes down fewer other services', () => {
    const cmdb = changeLab();
    // Reports runs on db-host: the host explains the Order API's incident too, but takes one more service down.
    cmdb.createCi({ id: 'reports', name: 'Reports', class: 'business_service' });
    cmdb.createRelationship({ source: 'reports', target: 'host', type: 'runs_on' });
    const a = open(cmdb, { affectedCiIds: ['api'] });
    const [top, next] = commonCause(cmdb.graph, [a]).candidates;
    expect(top.ciId).toBe('api');
    expect(next.otherServices).toBeGreaterThanOrEqual(top.otherServices);
    const hostCandidate = commonCause(cmdb.graph, [a], { limit: 10 }).candidates.find((c) => c.ciId === 'host');
    expect(hostCandidate?.otherServices).toBe(1);
  });

  /** changeLab with a core switch that db-host and the Search API's cache both stand on, `services` services besides, and Refunds on orders-db; incidents on Checkout and Refunds (orders-db's) and on the Search API (noise). */
  function hubLab(services: number) {
    const cmdb = changeLab();
    cmdb.createCi({ id: 'core', name: 'core switch', class: 'network_device' });
    cmdb.createRelationship({ source: 'host', target: 'core', type: 'connects_to' });
    cmdb.createRelationship({ source: 'cache', target: 'core', type: 'connects_to' });
    for (let i = 0; i < services; i++) {
      cmdb.createCi({ id: `svc${i}`, name: `Service ${i}`, class: 'business_service' });
      cmdb.createRelationship({ source: `svc${i}`, target: 'core', type: 'depends_on' });
    }
    cmdb.createCi({ id: 'refunds', name: 'Refunds', class: 'business_service' });
    cmdb.createRelationship({ source: 'refunds', target: 'db', type: 'depends_on' });
    const a = open(cmdb, { affectedCiIds: ['checkout'] });
    const b = open(cmdb, { affectedCiIds: ['refunds'] });
    const noise = open(cmdb, { affectedCiIds: ['search'] });
    return { cmdb, a, b, noise };
  }

  it('leaves an unrelated incident over rather than name a hub that takes 60 healthy services down with it', () => {
    const { cmdb, a, b, noise } = hubLab(60);
    const [top, ...rest] = commonCause(cmdb.graph, [a, b, noise], { limit: 30 }).candidates;
    expect(top.explains).toEqual([a.id, b.id]);
    expect(top.leftOver).toEqual([noise.id]);
    const hub = rest.find((c) => c.ciId === 'core');
    expect(hub?.explains).toEqual([a.id, b.id, noise.id]);
    expect(hub?.otherServices).toBe(60);
  });

  it('leaves an unrelated incident over even against a hub that hurts only 20 other services: those stay silent', () => {
    // Explaining the third incident takes a failure that hurts 20 services besides, none of which
    // filed one: the hub makes the incidents less likely than orders-db and one unrelated incident.
    const { cmdb, a, b, noise } = hubLab(20);
    const { candidates } = commonCause(cmdb.graph, [a, b, noise], { limit: 30 });
    expect(candidates[0].explains).toEqual([a.id, b.id]);
    const hub = candidates.findIndex((c) => c.ciId === 'core');
    expect(candidates[hub].explains).toHaveLength(3);
    expect(hub).toBeGreaterThan(candidates.findIndex((c) => c.ciId === 'db'));
  });

  it('names a member of a group with more than one spare: losing it degrades the group and what stands on it', () => {
    const cmdb = changeLab();
    cmdb.createCi({ id: 'web3', name: 'web-3', class: 'server' });
    cmdb.createRelationship({ source: 'web3', target: 'pool', type: 'member_of' });
    const incident = open(cmdb, { affectedCiIds: ['checkout'] });
    const web1 = commonCause(cmdb.graph, [incident], { limit: 20 }).candidates.find((c) => c.ciId === 'web1');
    expect(web1?.paths[0].path).toEqual(['web1', 'pool', 'checkout']);
  });

  it('does not name one member of a redundancy group that still stands: it leaves the group only at risk', () => {
    const cmdb = changeLab();
    const incident = open(cmdb, { affectedCiIds: ['pool'] });
    const ids = commonCause(cmdb.graph, [incident], { limit: 10 }).candidates.map((c) => c.ciId);
    expect(ids).toContain('pool');
    expect(ids).not.toContain('web1');
    expect(ids).not.toContain('web2');
  });
});

describe('a problem', () => {
  it('is numbered PRB0001, names its incidents and root cause, and goes open → known_error (with the error described) → resolved', () => {
    const cmdb = changeLab();
    const incident = open(cmdb, { affectedCiIds: ['db'] });
    const problem = cmdb.createRecord('problem', { title: 'orders-db saturates', incidentIds: [incident.id, incident.id], rootCauseCiId: 'db' }).record as Problem;
    expect(problem).toMatchObject({ number: 'PRB0001', status: 'open', incidentIds: [incident.id] });
    expect(cmdbErrorOf(() => transitionProblem(cmdb, problem.id, 'known_error'))).toMatchObject({ field: 'knownError' });
    cmdb.updateRecord('problem', problem.id, { knownError: 'pool too small', workaround: 'restart the pool' });
    expect(transitionProblem(cmdb, problem.id, 'known_error').problem.status).toBe('known_error');
    expect(transitionProblem(cmdb, problem.id, 'resolved').problem.resolvedAt).not.toBeNull();
    expect(cmdbErrorOf(() => cmdb.createRecord('problem', { title: 'x', rootCauseCiId: 'ghost' }))).toMatchObject({ field: 'rootCauseCiId' });
  });
});
