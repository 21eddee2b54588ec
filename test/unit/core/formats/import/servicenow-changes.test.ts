// ServiceNow change_request exports (test/fixtures/import/servicenow/change_request.csv and
// .json) into a CMDB that holds the ServiceNow CIs they name: read, reconciled with the
// document's changes by number, applied as one transaction, and refused as a whole on error.
import { describe, expect, it } from 'vitest';
import { CHANGE_KIND_NAME } from '../../../../../src/core/changes';
import { detectImportFormat, parseImport, parseServiceNow } from '../../../../../src/core/formats/import';
import { serviceNowTime } from '../../../../../src/core/formats/import/servicenow-changes';
import { Cmdb, CmdbGraph } from '../../../../../src/core/graph';
import { applyPlanOps, planImport } from '../../../../../src/core/reconcile';
import type { Change } from '../../../../../src/shared/changes';
import type { ImportPlan } from '../../../../../src/shared/data-types';
import { cmdbErrorOf } from '../../../../support/cmdb-error';
import { testEnv } from '../../graph/test-env';
import { fixture, importError } from './fixtures';

const CSV = 'servicenow/change_request.csv';
const JSON_EXPORT = 'servicenow/change_request.json';

function changesOf(cmdb: Cmdb): Change[] {
  return ([...cmdb.records.list(CHANGE_KIND_NAME)] as Change[]).sort((a, b) => (a.number < b.number ? -1 : 1));
}

function plan(cmdb: Cmdb, name: string): ImportPlan {
  return planImport(cmdb.graph, parseImport(fixture(name), { fileName: name }), { changes: changesOf(cmdb) });
}

function apply(cmdb: Cmdb, name: string, planned: ImportPlan): void {
  let n = 0;
  cmdb.applyBatch(`Import ${name}`, applyPlanOps(planned, (p) => `${p}_${name.replace(/\W/g, '_')}_${++n}`));
}

/** A CMDB holding the ServiceNow CIs and relationships of the other fixtures (shop-db, lb-front, …). */
function shopCmdb(): Cmdb {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  for (const name of ['servicenow/cmdb_ci.csv', 'servicenow/cmdb_rel_ci.csv']) apply(cmdb, name, plan(cmdb, name));
  return cmdb;
}

const ciId = (cmdb: Cmdb, name: string): string => [...cmdb.graph.cis()].find((c) => c.name === name)!.id;

describe('ServiceNow change_request: reading', () => {
  it('is detected as ServiceNow from its columns, as CSV and as a JSON export', () => {
    expect(detectImportFormat('change_request.csv', fixture(CSV))).toBe('servicenow');
    expect(detectImportFormat('change_request.json', fixture(JSON_EXPORT))).toBe('servicenow');
  });

  it('reads ServiceNow date-times as UTC and refuses ones that are not real instants', () => {
    expect(serviceNowTime('2026-11-29 01:00:00')).toBe('2026-11-29T01:00:00.000Z');
    expect(serviceNowTime('2026-11-29T02:00:00+01:00')).toBe('2026-11-29T01:00:00.000Z');
    expect(serviceNowTime('2026-02-30 01:00:00')).toBeNull();
    expect(serviceNowTime('2026-12-08 25:00:00')).toBeNull();
    expect(serviceNowTime('29/11/2026 01:00')).toBeNull();
  });

  it('maps display-value and coded states and types, keeps the number, and reads the close code of a closed change', () => {
    const batch = parseServiceNow(fixture(CSV), { fileName: CSV });
    const byNumber = new Map((batch.changes ?? []).map((c) => [c.fields.number, c]));
    const state = (n: string) => byNumber.get(n)?.fields.state;
    expect([state('CHG0030006'), state('CHG0030005'), state('CHG0030003'), state('CHG0030001'), state('CHG0030004')]).toEqual([
      'draft',
      'assessed',
      'cab_review',
      'scheduled',
      'scheduled',
    ]);
    // "-2" is Scheduled, "-3" Authorize; Review is implemented (awaiting its review); Closed is reviewed; Canceled cancelled.
    expect([state('CHG0030007'), state('CHG0030015'), state('CHG0030010'), state('CHG0030009'), state('CHG0030012')]).toEqual([
      'scheduled',
      'cab_review',
      'implemented',
      'reviewed',
      'cancelled',
    ]);
    expect(byNumber.get('CHG0030002')?.fields.type).toBe('standard');
    expect(byNumber.get('CHG0030004')?.fields.type).toBe('emergency');
    expect(byNumber.get('CHG0030001')?.fields).toMatchObject({
      number: 'CHG0030001',
      title: 'Upgrade PostgreSQL on shop-db to 16.4',
      type: 'normal',
      window: { start: '2026-12-06T01:00:00.000Z', end: '2026-12-06T03:00:00.000Z' },
      implementer: 'Dana Whitfield',
      review: null,
    });
    expect(byNumber.get('CHG0030011')?.fields.review).toEqual({ outcome: 'failed', notes: expect.stringContaining('restored from snapshot') });
    expect(byNumber.get('CHG0030009')?.fields.review?.outcome).toBe('successful');
    // ServiceNow's own risk is kept in the history note ("3" is Moderate), not as Faultline's risk.
    expect(byNumber.get('CHG0030007')?.fields.note).toContain('ServiceNow risk Moderate');
    expect(byNumber.get('CHG0030006')?.target).toBeUndefined();
    expect(byNumber.get('CHG0030003')?.target).toEqual({ refs: ['a1000000000000000000000000000001'], field: 'cmdb_ci' });
  });

  it('rejects a bad date and an end before the start by row and field', () => {
    const batch = parseServiceNow(fixture(CSV), { fileName: CSV });
    expect(batch.rejected.map((r) => [r.entity, r.key, r.row, r.field])).toEqual([
      ['change', 'CHG0030013', 14, 'start_date'],
      ['change', 'CHG0030014', 15, 'end_date'],
    ]);
    expect(batch.rejected[0].reason).toBe('CHG0030013: start_date "2026-12-08 25:00:00" is not a date and time (expected 2026-11-29 01:00:00, UTC)');
  });

  it('rejects a change past draft without a window or a CI, an unknown state and an unknown type', () => {
    const header = 'number,short_description,type,state,cmdb_ci,start_date,end_date\n';
    const rows = [
      'CHG0040001,No window,Normal,Scheduled,shop-db,,',
      'CHG0040002,No CI,Normal,Assess,,2026-12-01 01:00:00,2026-12-01 02:00:00',
      'CHG0040003,Odd state,Normal,Pending approval,shop-db,,',
      'CHG0040004,Odd type,Expedited,New,,,',
      'RITM0010001,Not a change,Normal,New,,,',
    ];
    const batch = parseServiceNow(header + rows.join('\n'), { fileName: 'x.csv' });
    expect(batch.changes).toBeUndefined();
    expect(batch.rejected.map((r) => [r.row, r.field])).toEqual([
      [2, 'start_date'],
      [3, 'cmdb_ci'],
      [4, 'state'],
      [5, 'type'],
      [6, 'number'],
    ]);
  });
});

describe('ServiceNow change_request: the reconciliation preview and apply', () => {
  it('creates a change per row, its CI resolved by sys_id or by name, and reports the unresolved CI by row and field', () => {
    const cmdb = shopCmdb();
    const planned = plan(cmdb, CSV);
    expect(planned.counts.changes).toEqual({ create: 12, update: 0, unchanged: 0, rejected: 3 });
    expect(planned.changes.rejected.map((r) => [r.key, r.row, r.field])).toEqual([
      ['CHG0030013', 14, 'start_date'],
      ['CHG0030014', 15, 'end_date'],
      ['CHG0030008', 9, 'cmdb_ci'],
    ]);
    expect(planned.changes.rejected[2].reason).toBe(
      'CHG0030008: cmdb_ci "sw-core-07" is no CI in this file or the CMDB (by sys_id or name); import the CI first',
    );
    const targetOf = (n: string) => planned.changes.create.find((c) => c.fields.number === n)?.targets.map((t) => t.endpoint.name);
    expect(targetOf('CHG0030003')).toEqual(['shop-web-01']); // by sys_id
    expect(targetOf('CHG0030001')).toEqual(['shop-db']); // by name
    expect(targetOf('CHG0030006')).toEqual([]);
    // A preview changes nothing.
    expect(changesOf(cmdb)).toEqual([]);

    apply(cmdb, CSV, planned);
    const changes = changesOf(cmdb);
    expect(changes.map((c) => c.number)).toEqual([
      'CHG0030001',
      'CHG0030002',
      'CHG0030003',
      'CHG0030004',
      'CHG0030005',
      'CHG0030006',
      'CHG0030007',
      'CHG0030009',
      'CHG0030010',
      'CHG0030011',
      'CHG0030012',
      'CHG0030015',
    ]);
    const upgrade = changes[0];
    expect(upgrade).toMatchObject({ state: 'scheduled', type: 'normal', targets: [{ ciId: ciId(cmdb, 'shop-db'), mode: 'down' }], implementer: 'Dana Whitfield' });
    expect(upgrade.events).toEqual([expect.objectContaining({ kind: 'comment', actor: 'test', text: expect.stringContaining('state "Scheduled"') })]);
    // Scheduled has been through the CAB: it carries a snapshot of the CMDB at the import; a draft or assessed change none.
    expect(upgrade.impactSnapshot?.impacted.map((c) => c.id)).toContain(ciId(cmdb, 'shop-app'));
    expect(changes.find((c) => c.number === 'CHG0030005')?.impactSnapshot).toBeNull();
    expect(changes.find((c) => c.number === 'CHG0030011')?.review).toMatchObject({ outcome: 'failed', actor: 'test' });
    // One transaction, one undo step; the next number a user gets follows the imported ones.
    expect(cmdb.undoLabel).toBe(`Import ${CSV}`);
    const { record } = cmdb.createRecord(CHANGE_KIND_NAME, { title: 'Made in Faultline' });
    expect((record as Change).number).toBe('CHG0030016');
    cmdb.undo();
    cmdb.undo();
    expect(changesOf(cmdb)).toEqual([]);
  });

  it('updates changes matched by number field by field, leaves an identical one unchanged, and rejects an unknown sys_id', () => {
    const cmdb = shopCmdb();
    apply(cmdb, CSV, plan(cmdb, CSV));
    const before = changesOf(cmdb);
    const planned = plan(cmdb, JSON_EXPORT);
    expect(planned.counts.changes).toEqual({ create: 1, update: 2, unchanged: 1, rejected: 1 });
    expect(planned.changes.unchanged.map((u) => u.number)).toEqual(['CHG0030002']);
    const update = (n: string) => planned.changes.update.find((u) => u.number === n);
    // Implement is still scheduled in Faultline: only the end of the window and the backout plan moved.
    expect(update('CHG0030001')?.changes).toEqual([
      { field: 'rollbackPlan', before: '', after: 'Fail back to the 16.3 standby; restore pg_wal from the 00:45 archive.' },
      { field: 'window.end', before: '2026-12-06T03:00:00.000Z', after: '2026-12-06T04:00:00.000Z' },
    ]);
    expect(update('CHG0030005')?.changes).toEqual([{ field: 'state', before: 'assessed', after: 'cab_review' }]);
    expect(planned.changes.rejected.map((r) => [r.key, r.path, r.field])).toEqual([['CHG0030008', 'records[3]', 'cmdb_ci']]);
    expect(planned.warnings).toContain('1 change(s) name their assignee by sys_id: export with display values to see the implementer\'s name');

    apply(cmdb, JSON_EXPORT, planned);
    const after = new Map(changesOf(cmdb).map((c) => [c.number, c]));
    const moved = after.get('CHG0030005')!;
    expect(moved.id).toBe(before.find((c) => c.number === 'CHG0030005')!.id);
    expect(moved.state).toBe('cab_review');
    expect(moved.events.at(-1)).toMatchObject({ kind: 'comment', from: 'assessed', to: 'cab_review' });
    // Entering cab_review by import freezes the impact the CAB will see.
    expect(moved.impactSnapshot).not.toBeNull();
    expect(after.get('CHG0030001')?.window?.end).toBe('2026-12-06T04:00:00.000Z');
    expect(after.get('CHG0030002')).toEqual(before.find((c) => c.number === 'CHG0030002'));
    expect(after.get('CHG0030016')).toMatchObject({ state: 'draft', window: null, targets: [{ ciId: ciId(cmdb, 'shop-db'), mode: 'down' }] });
  });

  it('rejects every row of a number used twice', () => {
    const cmdb = shopCmdb();
    const text = 'number,short_description,state\nCHG0050001,One,New\nCHG0050001,Two,New\nCHG0050002,Three,New\n';
    const planned = planImport(cmdb.graph, parseImport(text, { fileName: 'twice.csv' }), { changes: [] });
    expect(planned.counts.changes).toEqual({ create: 1, update: 0, unchanged: 0, rejected: 2 });
    expect(planned.changes.rejected.map((r) => [r.row, r.field])).toEqual([
      [2, 'number'],
      [3, 'number'],
    ]);
  });
});

describe('ServiceNow change_request: nothing changes on error', () => {
  it('a file that cannot be read imports nothing', () => {
    const broken = `${fixture(CSV).trimEnd()}\n"CHG0030099","Never closed,Normal,New\n`;
    const error = importError(() => parseImport(broken, { fileName: 'broken.csv' }));
    expect([error.code, error.line]).toEqual(['syntax', 17]);
  });

  it('an apply that fails part-way takes back the CIs and changes it had made: no record, no journal entry', () => {
    const cmdb = new Cmdb(new CmdbGraph(), testEnv());
    const cis = parseImport(fixture('servicenow/cmdb_ci.csv'), { fileName: 'cmdb_ci.csv' });
    const changes = parseImport(fixture(CSV), { fileName: CSV });
    // CIs and changes in one batch: the changes name CIs the same batch creates.
    const planned = planImport(cmdb.graph, { ...cis, changes: changes.changes, rejected: [...cis.rejected, ...changes.rejected] }, { changes: [] });
    expect(planned.counts.changes.create).toBe(12);
    let n = 0;
    const ops = applyPlanOps(planned, (p) => `${p}_${++n}`);
    // The last change names a CI that is not there (as if it were deleted since the preview).
    const last = ops.at(-1);
    if (last?.kind !== 'importRecord') throw new Error('expected the changes last');
    ops[ops.length - 1] = { ...last, fields: { ...(last.fields as object), targets: [{ ciId: 'ci_gone', mode: 'down' }] } };
    const seq = cmdb.lastSeq;
    const error = cmdbErrorOf(() => cmdb.applyBatch('Import', ops));
    expect(error.message).toMatch(/^operation \d+ \(importRecord\): targets\[0\]\.ciId: no CI with id ci_gone/);
    expect([cmdb.graph.ciCount, changesOf(cmdb).length, cmdb.lastSeq, cmdb.canUndo]).toEqual([0, 0, seq, false]);
  });
});
