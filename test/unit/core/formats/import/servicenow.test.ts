// ServiceNow cmdb_ci and cmdb_rel_ci exports, CSV and JSON.
import { describe, expect, it } from 'vitest';
import { parseServiceNow, serviceNowClass } from '../../../../../src/core/formats/import';
import { edges, fixture, importError } from './fixtures';

describe('parseServiceNow', () => {
  it('reads cmdb_ci.csv: 6 CIs keyed by sys_id with mapped classes, the unknown class and empty name rejected', () => {
    const batch = parseServiceNow(fixture('servicenow/cmdb_ci.csv'), { fileName: 'cmdb_ci.csv' });
    expect(batch.cis.map((c) => [c.name, c.class, c.criticality, c.status])).toEqual([
      ['shop-web-01', 'server', 2, 'live'],
      ['shop-app', 'application', 1, 'live'],
      ['shop-db', 'database', 1, 'live'],
      ['Online Shop', 'business_service', 1, 'live'],
      ['esx-07', 'server', 3, 'retired'],
      ['lb-front', 'load_balancer', 2, 'live'],
    ]);
    expect(batch.cis[0]).toMatchObject({
      key: 'a1000000000000000000000000000001',
      externalIds: { servicenow: 'a1000000000000000000000000000001' },
      environment: 'production',
      owner: 'Linux Team',
      attributes: { ip_address: '10.0.0.11', description: 'Shop front web server' },
      sourceRef: { line: 2, row: 2 },
    });
    expect(batch.cis[0].attributes).not.toHaveProperty('sys_updated_on');
    expect(batch.rejected.map((r) => [r.row, r.field, r.reason])).toEqual([
      [8, 'sys_class_name', 'no Faultline class for sys_class_name "u_custom_thing" (mystery box)'],
      [9, 'name', 'the name is empty'],
    ]);
  });

  it('reads cmdb_rel_ci.csv: each type in its Faultline direction; unmapped types and empty ends rejected', () => {
    const batch = parseServiceNow(fixture('servicenow/cmdb_rel_ci.csv'), { fileName: 'cmdb_rel_ci.csv' });
    expect(edges(batch)).toEqual([
      'Online Shop -depends_on-> shop-app',
      'shop-app -depends_on-> shop-db',
      'shop-app -runs_on-> shop-web-01',
      'shop-web-01 -hosted_on-> esx-07',
      'shop-web-01 -member_of-> lb-front',
      'lb-front -part_of-> Online Shop',
    ]);
    expect(batch.rejected.map((r) => [r.row, r.field])).toEqual([
      [8, 'type'],
      [9, 'child'],
    ]);
  });

  it('prefers dot-walked parent.sys_id / child.sys_id columns to the display values, wherever they stand', () => {
    // A list export keeps its default columns (display values) and adds the dot-walked ones at the end.
    const bs = 'a'.repeat(32);
    const svc = 'b'.repeat(32);
    const csv = [
      '"sys_id","parent","type","child","parent.sys_id","child.sys_id","type.sys_id"',
      `"${'1'.repeat(32)}","Online Shop","Depends on::Used by","Online Shop","${bs}","${svc}","${'9'.repeat(32)}"`,
      `"${'2'.repeat(32)}","Online Shop","Contains::Contained by","Shop Frontend","${svc}",""`,
    ].join('\r\n');
    const batch = parseServiceNow(csv, { fileName: 'cmdb_rel_ci.csv' });
    // The type stays the name (a sys_id would have no meaning); an empty sys_id cell keeps the display value.
    expect(edges(batch)).toEqual([`${bs} -depends_on-> ${svc}`, `Shop Frontend -part_of-> ${svc}`]);
    expect(batch.rejected).toEqual([]);

    const json = JSON.stringify({ records: [{ parent: 'Online Shop', child: 'Online Shop', type: 'Depends on::Used by', 'parent.sys_id': bs, 'child.sys_id': svc }] });
    expect(edges(parseServiceNow(json, { fileName: 'rel.json' }))).toEqual([`${bs} -depends_on-> ${svc}`]);
  });

  it('reads Table API JSON with reference objects: 4 CIs, the non-record entry rejected at its path, no prototype keys kept', () => {
    const batch = parseServiceNow(fixture('servicenow/cmdb_ci.json'), { fileName: 'cmdb_ci.json' });
    expect(batch.cis.map((c) => [c.name, c.class, c.status ?? null, c.owner ?? null])).toEqual([
      ['billing-vm-1', 'virtual_machine', 'live', 'Billing Team'],
      ['billing', 'technical_service', 'planned', null],
      ['billing-cluster', 'cluster', null, null],
      ['core-switch', 'network_device', null, null],
    ]);
    expect(batch.cis[3].attributes).toBeUndefined();
    expect(batch.rejected).toEqual([{ file: 'cmdb_ci.json', path: 'result[4]', entity: 'ci', field: 'name', reason: 'the name is empty' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads cmdb_rel_ci JSON with sys_ids and display values; a type given as a sys_id is rejected with a hint', () => {
    const batch = parseServiceNow(fixture('servicenow/cmdb_rel_ci.json'), { fileName: 'rel.json' });
    expect(edges(batch)).toEqual([
      'b2000000000000000000000000000002 -runs_on-> b2000000000000000000000000000001',
      'b2000000000000000000000000000001 -member_of-> b2000000000000000000000000000003',
      'b2000000000000000000000000000001 -connects_to-> b2000000000000000000000000000004',
    ]);
    expect(batch.rejected[0]).toMatchObject({ path: 'records[3]', field: 'type' });
    expect(batch.rejected[0].reason).toMatch(/export with display values/);
  });

  it('maps the documented class tables, guesses unlisted cmdb_ci tables, and accepts overrides', () => {
    expect(serviceNowClass('cmdb_ci_win_server')).toBe('server');
    expect(serviceNowClass('cmdb_ci_database')).toBe('database');
    expect(serviceNowClass('cmdb_ci_storage_device')).toBe('storage');
    expect(serviceNowClass('cmdb_ci_db_hbase_instance')).toBe('database');
    expect(serviceNowClass('Linux Server')).toBe('server');
    expect(serviceNowClass('u_thing')).toBeUndefined();
    expect(serviceNowClass('u_thing', { u_thing: 'site' })).toBe('site');
  });

  it('warns when CIs have no sys_id, and keys them by name', () => {
    const batch = parseServiceNow('Name,Class\nweb,Linux Server\n', { fileName: 'list.csv' });
    expect(batch.cis[0]).toMatchObject({ key: 'web', externalIds: {} });
    expect(batch.warnings[0]).toMatch(/no sys_id/);
  });

  it('refuses JSON that is not an export, and CSV with neither name nor parent/child columns', () => {
    expect(importError(() => parseServiceNow('{"foo": 1}', { fileName: 'x.json' })).code).toBe('format');
    expect(importError(() => parseServiceNow('a,b\n1,2\n', { fileName: 'x.csv' })).code).toBe('format');
  });
});
