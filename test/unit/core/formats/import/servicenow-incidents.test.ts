// ServiceNow incident and problem exports (test/fixtures/import/servicenow/incident.csv and
// .json, problem.csv) into a CMDB that holds the ServiceNow CIs and change requests they name:
// read with their states mapped, reconciled with the document's incidents and problems by
// number (CIs by sys_id or name, each unresolved one rejected with its row), incidents linked to
// their problems, applied as one transaction.
import { describe, expect, it } from 'vitest';
import { CHANGE_KIND_NAME } from '../../../../../src/core/changes';
import { detectImportFormat, parseImport, parseServiceNow } from '../../../../../src/core/formats/import';
import { Cmdb, CmdbGraph } from '../../../../../src/core/graph';
import { INCIDENT_KIND_NAME, PROBLEM_KIND_NAME } from '../../../../../src/core/incidents';
import { applyPlanOps, describePlan, planImport } from '../../../../../src/core/reconcile';
import type { Change } from '../../../../../src/shared/changes';
import type { ImportPlan } from '../../../../../src/shared/data-types';
import { DEFAULT_INCIDENT_SETTINGS, type Incident, type PriorityMatrix, type Problem } from '../../../../../src/shared/incidents';
import { testEnv } from '../../graph/test-env';
import { fixture } from './fixtures';

const INCIDENTS = 'servicenow/incident.csv';
const INCIDENTS_JSON = 'servicenow/incident.json';
const PROBLEMS = 'servicenow/problem.csv';

const list = <T extends { number: string }>(cmdb: Cmdb, kind: string): T[] => ([...cmdb.records.list(kind)] as unknown as T[]).sort((a, b) => (a.number < b.number ? -1 : 1));

function plan(cmdb: Cmdb, name: string): ImportPlan {
  return planImport(cmdb.graph, parseImport(fixture(name), { fileName: name }), {
    changes: list<Change>(cmdb, CHANGE_KIND_NAME),
    incidents: list<Incident>(cmdb, INCIDENT_KIND_NAME),
    problems: list<Problem>(cmdb, PROBLEM_KIND_NAME),
  });
}

function apply(cmdb: Cmdb, name: string, planned = plan(cmdb, name)): void {
  let n = 0;
  cmdb.applyBatch(`Import ${name}`, applyPlanOps(planned, (p) => `${p}_${name.replace(/\W/g, '_')}_${++n}`));
}

/** The ServiceNow CIs, relationships and change requests of the other fixtures (shop-db, lb-front, CHG0030001 …). */
function shopCmdb(): Cmdb {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  for (const name of ['servicenow/cmdb_ci.csv', 'servicenow/cmdb_rel_ci.csv', 'servicenow/change_request.csv']) apply(cmdb, name);
  return cmdb;
}

const ciId = (cmdb: Cmdb, name: string): string => [...cmdb.graph.cis()].find((c) => c.name === name)!.id;
const changeId = (cmdb: Cmdb, number: string): string => list<Change>(cmdb, CHANGE_KIND_NAME).find((c) => c.number === number)!.id;

describe('ServiceNow incident and problem exports: reading', () => {
  it('are detected as ServiceNow and read as incidents or problems from their numbers (whether their CIs exist is for the plan)', () => {
    expect(detectImportFormat('incident.csv', fixture(INCIDENTS))).toBe('servicenow');
    expect(detectImportFormat('incident.json', fixture(INCIDENTS_JSON))).toBe('servicenow');
    expect(detectImportFormat('problem.csv', fixture(PROBLEMS))).toBe('servicenow');
    const incidents = parseServiceNow(fixture(INCIDENTS), { fileName: INCIDENTS });
    expect([incidents.incidents?.length, incidents.problems, incidents.changes, incidents.cis]).toEqual([6, undefined, undefined, []]);
    expect(parseServiceNow(fixture(PROBLEMS), { fileName: PROBLEMS }).problems?.map((p) => p.fields.number)).toEqual(['PRB0040001', 'PRB0040002', 'PRB0040003']);
  });

  it('maps the states by label and by code (8 Canceled is closed), reads levels, times in UTC and the resolution time of a closed one', () => {
    const byNumber = (name: string) => new Map((parseServiceNow(fixture(name), { fileName: name }).incidents ?? []).map((i) => [i.fields.number, i.fields]));
    const csv = byNumber(INCIDENTS);
    expect([...csv.values()].map((f) => [f.number, f.status])).toEqual([
      ['INC0010001', 'in_progress'],
      ['INC0010002', 'new'],
      ['INC0010003', 'resolved'],
      ['INC0010004', 'closed'],
      ['INC0010005', 'on_hold'],
      ['INC0010006', 'closed'],
    ]);
    expect(csv.get('INC0010001')).toMatchObject({ impact: 1, urgency: 1, openedAt: '2026-12-06T03:20:00.000Z', resolvedAt: null, closedAt: null });
    expect(csv.get('INC0010006')).toMatchObject({ resolvedAt: '2026-12-06T03:40:00.000Z', closedAt: '2026-12-06T03:40:00.000Z' });
    const json = byNumber(INCIDENTS_JSON);
    expect([...json.values()].map((f) => f.status)).toEqual(['in_progress', 'new', 'closed', 'closed', 'resolved']);
    expect(json.get('INC0010009')).toMatchObject({ resolvedAt: '2026-12-02T19:30:00.000Z', closedAt: '2026-12-04T09:00:00.000Z' });
    // A flagged Root Cause Analysis problem is a known error; Resolved is resolved.
    const problems = parseServiceNow(fixture(PROBLEMS), { fileName: PROBLEMS }).problems ?? [];
    expect(problems.map((p) => [p.fields.number, p.fields.status])).toEqual([
      ['PRB0040001', 'known_error'],
      ['PRB0040002', 'resolved'],
      ['PRB0040003', 'open'],
    ]);
  });

  it('rejects a row with an unknown state, a resolution before it opened, or no CI, naming its row and field', () => {
    const batch = parseServiceNow(fixture(INCIDENTS), { fileName: INCIDENTS });
    expect(batch.rejected.map((r) => [r.entity, r.row, r.key, r.field])).toEqual([
      ['incident', 8, 'INC0010007', 'state'],
      ['incident', 9, 'INC0010008', 'resolved_at'],
    ]);
    const missing = parseServiceNow('number,short_description,state,opened_at\nINC0000001,No CI,New,2026-12-01 10:00:00\n', { fileName: 'x.csv' });
    expect(missing.rejected.map((r) => [r.row, r.field])).toEqual([[2, 'cmdb_ci']]);
  });
});

describe('ServiceNow incident and problem exports: the preview and the apply', () => {
  it('previews problems: created with their root-cause CI by name or sys_id, an unresolved CI rejected with its row', () => {
    const cmdb = shopCmdb();
    const preview = plan(cmdb, PROBLEMS);
    expect(preview.counts.problems).toEqual({ create: 2, update: 0, unchanged: 0, rejected: 2 });
    expect(preview.problems.create.map((p) => [p.fields.number, p.rootCause?.name])).toEqual([
      ['PRB0040001', 'shop-db'],
      ['PRB0040002', 'lb-front'],
    ]);
    expect(preview.problems.rejected.map((r) => [r.row, r.field])).toEqual([
      [5, 'short_description'],
      [4, 'cmdb_ci'],
    ]);
    expect(preview.problems.rejected[1].reason).toMatch(/"stor-net-03" is no CI/);
  });

  it('previews incidents: counts, CIs by name and sys_id, the causing change by number, an unresolved CI reported by row, links to problems', () => {
    const cmdb = shopCmdb();
    apply(cmdb, PROBLEMS);
    const preview = plan(cmdb, INCIDENTS);
    expect(preview.counts.incidents).toEqual({ create: 5, update: 0, unchanged: 0, rejected: 3 });
    const created = new Map(preview.incidents.create.map((c) => [c.fields.number, c]));
    expect(created.get('INC0010001')?.affected.map((e) => e.name)).toEqual(['shop-app', 'Online Shop']);
    expect(created.get('INC0010001')?.causedBy?.number).toBe('CHG0030001');
    expect(created.get('INC0010002')?.affected.map((e) => e.name)).toEqual(['shop-web-01']);
    expect(created.get('INC0010002')?.causedBy).toBeNull();
    const unresolved = preview.incidents.rejected.find((r) => r.key === 'INC0010005')!;
    expect([unresolved.file, unresolved.row, unresolved.field]).toEqual([INCIDENTS, 6, 'cmdb_ci']);
    expect(unresolved.reason).toMatch(/"pay-gw-01" is no CI in this file or the CMDB/);
    // caused_by naming no change is left empty, with a warning and counted as left out.
    expect(preview.warnings).toContainEqual(expect.stringMatching(/row 3 \(caused_by\): INC0010002: caused_by "CHG0039999" is no change/));
    expect(preview.leftOut.danglingReferences).toBe(1);
    // problem_id adds the incidents to the problems imported before.
    expect(preview.counts.problems).toEqual({ create: 0, update: 2, unchanged: 0, rejected: 0 });
    expect(preview.problems.update.map((u) => [u.number, u.incidents.map((r) => r.number)])).toEqual([
      ['PRB0040001', ['INC0010001', 'INC0010003']],
      ['PRB0040002', ['INC0010004']],
    ]);
    expect(describePlan(preview)).toMatch(/5 incidents to create, 0 to update, 0 unchanged, 3 rejected; 0 problems to create, 2 to update/);
  });

  it("warns, naming them, about incidents whose ServiceNow priority is not the document matrix's (a customised matrix on either side)", () => {
    const cmdb = shopCmdb();
    const batch = parseImport(fixture(INCIDENTS), { fileName: INCIDENTS });
    expect(batch.incidents?.find((i) => i.fields.number === 'INC0010001')?.sourcePriority).toBe(1);
    expect(batch.incidents?.find((i) => i.fields.number === 'INC0010006')?.sourcePriority).toBe(5);
    const context = { changes: list<Change>(cmdb, CHANGE_KIND_NAME), incidents: [], problems: [] };
    // The fixture follows ServiceNow's default matrix, which is Faultline's too: nothing to say.
    expect(planImport(cmdb.graph, batch, context).warnings.filter((w) => /source priority/.test(w))).toEqual([]);
    // A document whose matrix makes High × High a P2.
    const matrix: PriorityMatrix = [
      [2, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
    ];
    const planned = planImport(cmdb.graph, batch, { ...context, incidentSettings: { ...DEFAULT_INCIDENT_SETTINGS, priorityMatrix: matrix } });
    expect(planned.warnings.filter((w) => /source priority/.test(w))).toEqual([
      "1 incident(s) have a source priority other than the one this document's matrix gives their impact and urgency (INC0010001 P1 → P2): Faultline uses its own; edit the priority matrix in the incident settings to match the source's.",
    ]);
  });

  it('applies: incidents created with the numbers, statuses, times, CIs and cause the file gives, services and priority computed, linked to their problems', () => {
    const cmdb = shopCmdb();
    apply(cmdb, PROBLEMS);
    apply(cmdb, INCIDENTS);
    const incidents = list<Incident>(cmdb, INCIDENT_KIND_NAME);
    expect(incidents.map((i) => [i.number, i.status])).toEqual([
      ['INC0010001', 'in_progress'],
      ['INC0010002', 'new'],
      ['INC0010003', 'resolved'],
      ['INC0010004', 'closed'],
      ['INC0010006', 'closed'],
    ]);
    const first = incidents[0];
    expect(first).toMatchObject({
      title: 'Checkout pages return HTTP 500',
      affectedCiIds: [ciId(cmdb, 'shop-app'), ciId(cmdb, 'Online Shop')],
      causedByChangeId: changeId(cmdb, 'CHG0030001'),
      impact: 1,
      urgency: 1,
      priority: 1,
      openedAt: '2026-12-06T03:20:00.000Z',
      respondedAt: '2026-12-06T03:20:00.000Z',
    });
    expect(first.affectedServices.map((s) => s.name)).toContain('Online Shop');
    expect(incidents[1]).toMatchObject({ respondedAt: null, priority: 4 });
    expect(incidents[3]).toMatchObject({ resolvedAt: '2026-11-18T15:10:00.000Z', closedAt: '2026-11-20T09:00:00.000Z' });
    const problems = list<Problem>(cmdb, PROBLEM_KIND_NAME);
    const numberOf = (id: string) => incidents.find((i) => i.id === id)?.number;
    expect(problems.map((p) => [p.number, p.status, p.incidentIds.map(numberOf)])).toEqual([
      ['PRB0040001', 'known_error', ['INC0010001', 'INC0010003']],
      ['PRB0040002', 'resolved', ['INC0010004']],
    ]);
    expect(problems[0]).toMatchObject({ rootCauseCiId: ciId(cmdb, 'shop-db'), workaround: 'Scale shop-app down to 4 pods or restart the oldest pod.' });
    expect(problems[0].knownError).toMatch(/max_connections is 200/);
  });

  it('imported again, leaves every incident unchanged; the JSON export updates what moved (a state, a CI new to the incident)', () => {
    const cmdb = shopCmdb();
    apply(cmdb, PROBLEMS);
    apply(cmdb, INCIDENTS);
    const again = plan(cmdb, INCIDENTS);
    expect([again.counts.incidents, again.counts.problems]).toEqual([
      { create: 0, update: 0, unchanged: 5, rejected: 3 },
      { create: 0, update: 0, unchanged: 0, rejected: 0 },
    ]);
    const json = plan(cmdb, INCIDENTS_JSON);
    expect(json.counts.incidents).toEqual({ create: 2, update: 0, unchanged: 3, rejected: 0 });
    expect(json.incidents.create.map((c) => [c.fields.number, c.affected.map((e) => e.name), c.causedBy?.number ?? null])).toEqual([
      ['INC0010009', ['esx-07'], 'CHG0030004'],
      ['INC0010010', ['lb-front'], null],
    ]);
  });
});
