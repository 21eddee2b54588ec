// CSV: Gephi columns first, every field, RFC 4180 quoting, formula cells neutralised, and
// papaparse reads back the original values once the neutralising quote is removed.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { restoreCell, writeCisCsv, writeCsv, writeRelationshipsCsv } from '../../../../../src/core/formats/export';
import type { Ci } from '../../../../../src/shared/model';
import { FIXTURE_CIS, FIXTURE_RELATIONSHIPS, fixtureScope, protoKeyCi, sortedById } from './fixture';

function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  expect(result.errors).toEqual([]);
  const rows = result.data;
  // The file ends with CRLF, which papaparse reads as one empty last line.
  expect(rows.at(-1)).toEqual(['']);
  return rows.slice(0, -1);
}

function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => {
    expect(row).toHaveLength(header.length);
    const out: Record<string, string> = {};
    header.forEach((column, i) => Object.defineProperty(out, restoreCell(column), { value: row[i], enumerable: true }));
    return out;
  });
}

describe('writeCisCsv', () => {
  const text = writeCisCsv(fixtureScope());

  it('starts with the Gephi node columns, then every field, attr.* and ext.* columns', () => {
    const [header] = parseCsv(text);
    expect(header).toEqual([
      'Id', 'Label', 'class', 'environment', 'criticality', 'owner', 'status', 'tags', 'redundancy_min_healthy',
      'createdAt', 'updatedAt',
      'attr.a.b', 'attr.at', 'attr.cr', 'attr.empty', 'attr.k,"q"', 'attr.lone', 'attr.minus', 'attr.multi\nline',
      'attr.os', 'attr.plus', 'attr.quoted', 'attr.quotedPlain', 'attr.tabbed', 'attr.xml',
      'ext.backstage', 'ext.servicenow', 'ext.terraform',
    ]);
  });

  it('uses CRLF record ends and quotes only where RFC 4180 needs it', () => {
    expect(text.startsWith('Id,Label,class,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"attr.k,""q"""');
    expect(text).toContain('"Payments, ""EU"" <prod> & co"');
    expect(text).toContain('"Line one\nLine two\r\nLine three"');
    expect(text).toContain('\r\nci_uni,');
  });

  it('neutralises every formula-leading cell with a single quote', () => {
    const byId = new Map(records(text).map((r) => [r.Id, r]));
    const pay = byId.get('ci_pay')!;
    const db = byId.get('ci_db')!;
    expect(pay.owner).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(pay['ext.servicenow']).toBe("'-0001");
    expect(pay['attr.k,"q"']).toBe("'@SUM(A1)");
    expect(pay.tags).toBe('pci;-negative;a b');
    expect(db['attr.tabbed']).toBe("'\tcmd");
    expect(db['attr.cr']).toBe("'\rcmd");
    expect(db['attr.plus']).toBe("'+1");
    expect(db['attr.at']).toBe("'@here");
    expect(db['attr.minus']).toBe("'-5");
    expect(db['attr.quoted']).toBe("''=already");
    expect(db['attr.quotedPlain']).toBe("'plain");
    expect(byId.get('ci_lb')!.Label).toBe("'@loadbalancer");
    // numbers are written as numbers and never quoted
    expect(pay.criticality).toBe('1');
    expect(pay.redundancy_min_healthy).toBe('2');
    for (const record of byId.values()) {
      for (const value of Object.values(record)) expect(/^[=+\-@\t\r]/.test(value)).toBe(false);
    }
  });

  it('gives back every original value through papaparse and restoreCell', () => {
    const byId = new Map(records(text).map((r) => [r.Id, r]));
    expect([...byId.keys()]).toEqual(sortedById(FIXTURE_CIS).map((c) => c.id));
    for (const ci of FIXTURE_CIS) {
      const row = byId.get(ci.id)!;
      const value = (column: string) => restoreCell(row[column]);
      expect(value('Label')).toBe(ci.name);
      expect(value('class')).toBe(ci.class);
      expect(value('environment')).toBe(ci.environment);
      expect(Number(value('criticality'))).toBe(ci.criticality);
      expect(value('owner')).toBe(ci.owner);
      expect(value('status')).toBe(ci.status);
      expect(value('tags') === '' ? [] : value('tags').split(';')).toEqual(ci.tags);
      expect(value('redundancy_min_healthy')).toBe(ci.redundancy ? String(ci.redundancy.minHealthy) : '');
      expect(value('createdAt')).toBe(ci.createdAt);
      expect(value('updatedAt')).toBe(ci.updatedAt);
      for (const [key, v] of Object.entries(ci.attributes)) expect(value(`attr.${key}`)).toBe(v);
      for (const [system, v] of Object.entries(ci.externalIds)) expect(value(`ext.${system}`)).toBe(v);
      for (const column of Object.keys(row)) {
        if (column.startsWith('attr.') && !Object.hasOwn(ci.attributes, column.slice(5))) expect(row[column]).toBe('');
      }
    }
  });

  it('adds a byte order mark when asked', () => {
    expect(writeCisCsv(fixtureScope(), { bom: true }).startsWith('\uFEFFId,Label,')).toBe(true);
    expect(text.startsWith('\uFEFF')).toBe(false);
  });

  it('writes a header only for an empty scope and a __proto__ attribute as a column', () => {
    expect(writeCisCsv({ cis: [], relationships: [] })).toBe(
      'Id,Label,class,environment,criticality,owner,status,tags,redundancy_min_healthy,createdAt,updatedAt\r\n',
    );
    const proto: Ci = protoKeyCi();
    const [row] = records(writeCisCsv({ cis: [proto], relationships: [] }));
    expect(row['attr.__proto__']).toBe('polluted?');
  });
});

describe('writeRelationshipsCsv', () => {
  it('has Source, Target, Type=Directed, then the relationship type and every field', () => {
    const rows = records(writeRelationshipsCsv(fixtureScope()));
    expect(rows.map((r) => r.Id)).toEqual(sortedById(FIXTURE_RELATIONSHIPS).map((r) => r.id));
    expect(Object.keys(rows[0])).toEqual(['Source', 'Target', 'Type', 'Id', 'Relationship', 'strength', 'inferred']);
    for (const rel of FIXTURE_RELATIONSHIPS) {
      const row = rows.find((r) => r.Id === rel.id)!;
      expect(row).toEqual({
        Source: rel.source,
        Target: rel.target,
        Type: 'Directed',
        Id: rel.id,
        Relationship: rel.type,
        strength: rel.strength,
        inferred: String(rel.inferred ?? false),
      });
    }
  });

  it('leaves out relationships that reach outside the scope', () => {
    expect(writeRelationshipsCsv(fixtureScope())).not.toContain('rel_out');
    expect(Object.keys(writeCsv(fixtureScope()))).toEqual(['cis.csv', 'relationships.csv']);
  });
});
