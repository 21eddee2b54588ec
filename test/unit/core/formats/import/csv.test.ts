// CSV of CIs and relationships: the mapping step (suggest, key, validate) and the rows it reads.
import { describe, expect, it } from 'vitest';
import {
  csvHeaderKey,
  parseCsvCis,
  parseCsvRelationships,
  readCsvHeader,
  suggestCsvMapping,
  validateCsvMapping,
} from '../../../../../src/core/formats/import';
import { CI_BASE_COLUMNS, RELATIONSHIP_COLUMNS } from '../../../../../src/core/formats/export';
import { edges, fixture, importError } from './fixtures';

describe('suggestCsvMapping', () => {
  it('maps Faultline export columns (Gephi Id/Label, attr.*, ext.*) to fields', () => {
    const header = [...CI_BASE_COLUMNS, 'attr.region', 'ext.servicenow'];
    const mapping = suggestCsvMapping(header);
    expect(mapping.kind).toBe('cis');
    expect(Object.fromEntries(header.map((h, i) => [h, mapping.columns[i]]))).toEqual({
      Id: 'id',
      Label: 'name',
      class: 'class',
      environment: 'environment',
      criticality: 'criticality',
      owner: 'owner',
      status: 'status',
      tags: 'tags',
      redundancy_min_healthy: 'redundancy',
      createdAt: 'ignore',
      updatedAt: 'ignore',
      'attr.region': 'attributes.region',
      'ext.servicenow': 'externalIds.servicenow',
    });
    expect(validateCsvMapping(mapping, header)).toEqual([]);
  });

  it('guesses synonyms, keeps unknown columns as attributes, and never maps one field twice', () => {
    const header = ['Name', 'Type', 'Owner', 'Environment', 'Criticality', 'Status', 'Tags', 'Location', 'Hostname'];
    const mapping = suggestCsvMapping(header);
    expect(mapping.columns).toEqual(['name', 'class', 'owner', 'environment', 'criticality', 'status', 'tags', 'attributes.Location', 'attributes.Hostname']);
  });

  it('recognises relationship files, and treats Gephi\'s Type column as a direction when a Relationship column exists', () => {
    const mapping = suggestCsvMapping([...RELATIONSHIP_COLUMNS]);
    expect(mapping.kind).toBe('relationships');
    expect(mapping.columns).toEqual(['source', 'target', 'ignore', 'id', 'type', 'strength', 'inferred']);
    expect(suggestCsvMapping(['from', 'to', 'type']).columns).toEqual(['source', 'target', 'type']);
  });

  it('derives the same key from the same header row (case and spaces aside) and a different one otherwise', () => {
    expect(csvHeaderKey(['Id', 'Label'])).toBe(csvHeaderKey([' id', 'LABEL ']));
    expect(csvHeaderKey(['Id', 'Label'])).not.toBe(csvHeaderKey(['Id', 'Name']));
    expect(csvHeaderKey(['a,b'])).not.toBe(csvHeaderKey(['a', 'b']));
  });

  it('never suggests a prototype key as an attribute or external-id system', () => {
    const header = ['name', 'class', 'attr.__proto__', 'constructor', 'ext.prototype'];
    expect(suggestCsvMapping(header).columns).toEqual(['name', 'class', 'ignore', 'ignore', 'ignore']);
  });

  it('reports what makes a mapping unusable', () => {
    const header = ['a', 'b'];
    const problems = validateCsvMapping({ kind: 'cis', key: 'other', columns: ['owner', 'owner', 'attributes.__proto__'], system: 'csv' }, header);
    expect(problems).toEqual([
      'the mapping was made for a different header row',
      'the mapping has 3 columns but the header has 2',
      'column 2: "owner" is mapped twice',
      'column 3: "__proto__" cannot be a key of attributes',
      'no column is mapped to name',
      'no column is mapped to class and there is no default class',
    ]);
  });
});

describe('parseCsvCis', () => {
  it('reports a column whose key cannot be stored (attr.constructor, ext.prototype, __proto__) as left out, with the file and the header', () => {
    const text = 'name,class,attr.constructor,ext.prototype,__proto__,attr.rack\nweb,server,x,y,,r1\ndb,database,,z,,r2\n';
    const batch = parseCsvCis(text, suggestCsvMapping(readCsvHeader(text, { fileName: 'hosts.csv' })), { fileName: 'hosts.csv' });
    expect(batch.cis.map((c) => [c.name, c.attributes])).toEqual([
      ['web', { rack: 'r1' }],
      ['db', { rack: 'r2' }],
    ]);
    expect(batch.leftOut?.unreadFields).toEqual([
      { field: 'hosts.csv column 3 "attr.constructor" ("constructor" cannot be a key of attributes)', entities: 1 },
      { field: 'hosts.csv column 4 "ext.prototype" ("prototype" cannot be a key of externalIds)', entities: 2 },
      { field: 'hosts.csv column 5 "__proto__" ("__proto__" cannot be an attribute key)', entities: 0 },
    ]);
    expect(batch.warnings).toContain('hosts.csv column 3 "attr.constructor" ("constructor" cannot be a key of attributes): not imported, 1 entity');
  });

  it('reads the Faultline-style fixture: 4 CIs, 3 rejected rows with their rows and fields', () => {
    const text = fixture('cis.csv');
    const batch = parseCsvCis(text, suggestCsvMapping(readCsvHeader(text, { fileName: 'cis.csv' })), { fileName: 'cis.csv' });
    expect(batch.cis.map((c) => [c.key, c.id, c.name, c.class])).toEqual([
      ['ci_web', 'ci_web', 'Web 01', 'server'],
      ['ci_app', 'ci_app', 'Checkout', 'application'],
      ['ci_lb', 'ci_lb', 'Front "edge" LB', 'load_balancer'],
      ['ci_note', 'ci_note', '=SUM(A1)', 'application'],
    ]);
    const web = batch.cis[0];
    expect(web).toMatchObject({
      environment: 'production',
      criticality: 2,
      owner: 'ops',
      status: 'live',
      tags: ['linux', 'dmz'],
      attributes: { region: 'eu-west-1' },
      externalIds: { servicenow: '1111aaaa' },
      sourceRef: { file: 'cis.csv', line: 2, row: 2 },
    });
    // Rows with a Faultline id describe the CI completely: an empty cell means none.
    expect(web.redundancy).toBeNull();
    expect(batch.cis[1].tags).toEqual([]);
    expect(batch.cis[3].status).toBe('planned');
    expect(batch.rejected.map((r) => [r.row, r.field, r.reason])).toEqual([
      [6, 'class', 'unknown class "spaceship"'],
      [7, 'criticality', 'criticality "9" is not 1–4'],
      [8, 'name', 'the name is empty'],
    ]);
  });

  it('reads a foreign semicolon CSV with a multi-line cell: 3 CIs, the printer rejected at its own line', () => {
    const text = fixture('foreign-cis.csv');
    const batch = parseCsvCis(text, suggestCsvMapping(readCsvHeader(text, { fileName: 'f.csv' }), 'inventory'), { fileName: 'f.csv' });
    expect(batch.cis.map((c) => [c.name, c.class, c.criticality, c.status, c.sourceRef.line])).toEqual([
      ['mail01', 'server', 2, 'live', 2],
      ['crm', 'application', 1, 'live', 4],
      ['crm-db', 'database', 2, 'live', 5],
    ]);
    expect(batch.cis[0].tags).toEqual(['mail', 'exchange']);
    expect(batch.cis[0].attributes).toEqual({ Location: 'Berlin DC', Notes: 'Primary mail host\nsecond line of the note' });
    expect(batch.cis[0].key).toBe('mail01');
    expect(batch.rejected).toEqual([
      { file: 'f.csv', line: 6, row: 5, entity: 'ci', key: 'printer7', field: 'class', reason: 'unknown class "Printer"' },
    ]);
  });

  it('puts an externalId column under the mapping\'s system and keys the CI by it', () => {
    const text = 'asset_id,name,class\nA-1,core-sw,network_device\n';
    const header = readCsvHeader(text, { fileName: 'a.csv' });
    const mapping = { ...suggestCsvMapping(header, 'assetdb'), columns: ['externalId', 'name', 'class'] };
    const batch = parseCsvCis(text, mapping, { fileName: 'a.csv' });
    expect(batch.cis[0]).toMatchObject({ key: 'A-1', system: 'assetdb', externalIds: { assetdb: 'A-1' } });
  });

  it('uses the default class for empty class cells; a row wider than the header refuses the file, or is skipped and counted when asked', () => {
    const text = 'name,class\nx,\ny,server,extra\nz,\n';
    const mapping = { ...suggestCsvMapping(['name', 'class']), defaultClass: 'application' as const };
    const e = importError(() => parseCsvCis(text, mapping, { fileName: 'd.csv' }));
    expect([e.code, e.line, e.row]).toEqual(['syntax', 3, 3]);
    expect(e.message).toBe('d.csv:3 row 3: row 3 has 3 cells but the header has 2');
    const batch = parseCsvCis(text, mapping, { fileName: 'd.csv', skipUnreadable: true });
    expect(batch.cis.map((c) => [c.name, c.class])).toEqual([['x', 'application'], ['z', 'application']]);
    expect(batch.rejected).toEqual([]);
    expect(batch.leftOut?.unreadableEntities).toBe(1);
    expect(batch.warnings).toContain('d.csv:3: row 3 has 3 cells but the header has 2; skipped as asked, 1 row lost');
  });

  it('refuses a mapping made for another header row', () => {
    const e = importError(() => parseCsvCis('name,class\nx,server\n', suggestCsvMapping(['name', 'kind']), { fileName: 'm.csv' }));
    expect(e.code).toBe('format');
    expect(e.reason).toMatch(/different header row/);
  });
});

describe('parseCsvRelationships', () => {
  it('reads the Gephi-style fixture: 3 relationships, the unknown type rejected at row 5', () => {
    const text = fixture('relationships.csv');
    const batch = parseCsvRelationships(text, suggestCsvMapping(readCsvHeader(text, { fileName: 'r.csv' })), { fileName: 'r.csv' });
    expect(edges(batch)).toEqual(['ci_app -runs_on-> ci_web', 'ci_lb -depends_on(soft)-> ci_app', 'ci_app -depends_on-> ci_ghost']);
    expect(batch.relationships[0].id).toBe('rel_a');
    expect(batch.rejected).toHaveLength(1);
    expect(batch.rejected[0]).toMatchObject({ row: 5, field: 'type' });
  });

  it('reads a relationship type from a Gephi "Directed" column as the default type, with a warning', () => {
    const batch = parseCsvRelationships('Source,Target,Type\na,b,Directed\n', suggestCsvMapping(['Source', 'Target', 'Type']), { fileName: 'g.csv' });
    expect(edges(batch)).toEqual(['a -depends_on-> b']);
    expect(batch.warnings[0]).toMatch(/edge direction/);
  });
});
