// JSON snapshot: a CmdbDocument, byte-stable, and lossless through CmdbDocumentSchema.
import { describe, expect, it } from 'vitest';
import { cmdbFromDocument } from '../../../../../src/core/graph';
import { snapshotDocument, writeJsonSnapshot } from '../../../../../src/core/formats/export';
import { CmdbDocumentSchema } from '../../../../../src/shared/model';
import { testEnv } from '../../graph/test-env';
import { FIXTURE_CIS, FIXTURE_RELATIONSHIPS, fixtureScope, protoKeyCi, sortedById } from './fixture';

describe('writeJsonSnapshot', () => {
  it('round-trips losslessly through CmdbDocumentSchema', () => {
    const text = writeJsonSnapshot(fixtureScope());
    const parsed = CmdbDocumentSchema.parse(JSON.parse(text));
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.cis).toStrictEqual(sortedById(FIXTURE_CIS));
    expect(parsed.relationships).toStrictEqual(sortedById(FIXTURE_RELATIONSHIPS));
    // and writing what was read gives the same bytes
    expect(writeJsonSnapshot(parsed)).toBe(text);
  });

  it('keeps every awkward value exactly', () => {
    const parsed = CmdbDocumentSchema.parse(JSON.parse(writeJsonSnapshot(fixtureScope())));
    const byId = new Map(parsed.cis.map((c) => [c.id, c]));
    expect(byId.get('ci_db')?.name).toBe('Line one\nLine two\r\nLine three');
    expect(byId.get('ci_ctrl')?.name).toBe('bell\u0007 nul\u0000 esc\u001b back\\slash "x" ] ; -> "y"');
    expect(byId.get('ci_ctrl')?.attributes.lone).toBe('half \ud800 surrogate');
    expect(byId.get('ci_pay')?.redundancy).toEqual({ minHealthy: 2 });
    expect(parsed.relationships.find((r) => r.id === 'rel_3')?.inferred).toBe(false);
    expect(parsed.relationships.find((r) => r.id === 'rel_1')).not.toHaveProperty('inferred');
  });

  it('is pretty, sorted by id, in schema key order and independent of input order', () => {
    const scope = fixtureScope();
    const text = writeJsonSnapshot(scope);
    const reordered = writeJsonSnapshot({ cis: [...scope.cis].reverse(), relationships: [...scope.relationships].reverse() });
    expect(reordered).toBe(text);
    expect(text).toMatch(/^\{\n {2}"schemaVersion": 1,\n {2}"journalSeq": 0,\n/);
    const doc = JSON.parse(text) as { cis: { id: string }[] };
    expect(doc.cis.map((c) => c.id)).toEqual(['ci_ctrl', 'ci_db', 'ci_lb', 'ci_pay', 'ci_uni']);
    expect(Object.keys(doc.cis[3])).toEqual([
      'id', 'name', 'class', 'environment', 'criticality', 'owner', 'status', 'tags',
      'attributes', 'externalIds', 'redundancy', 'createdAt', 'updatedAt',
    ]);
    expect(Object.keys((doc.cis[3] as unknown as { attributes: object }).attributes)).toEqual(['a.b', 'k,"q"', 'multi\nline', 'os']);
  });

  it('drops relationships whose ends are outside the scope, so the document loads', () => {
    const doc = snapshotDocument(fixtureScope());
    expect(doc.relationships.map((r) => r.id)).not.toContain('rel_out');
    const cmdb = cmdbFromDocument(doc, [], testEnv());
    expect(cmdb.graph.ciCount).toBe(5);
    expect(cmdb.graph.relationshipCount).toBe(5);
  });

  it('carries journalSeq and settings (keys sorted) when given', () => {
    const text = writeJsonSnapshot({ cis: [], relationships: [] }, { journalSeq: 42, settings: { z: 1, a: { y: 2, b: [3] } } });
    expect(text).toBe(
      '{\n  "schemaVersion": 1,\n  "journalSeq": 42,\n  "cis": [],\n  "relationships": [],\n  "records": {},\n  "settings": {\n    "a": {\n      "b": [\n        3\n      ],\n      "y": 2\n    },\n    "z": 1\n  }\n}\n',
    );
  });

  it('writes a __proto__ attribute key as data without touching any prototype', () => {
    const text = writeJsonSnapshot({ cis: [protoKeyCi()], relationships: [] });
    expect(text).toContain('"__proto__": "polluted?"');
    const doc = snapshotDocument({ cis: [protoKeyCi()], relationships: [] });
    expect(Object.getPrototypeOf(doc.cis[0].attributes)).toBe(Object.prototype);
    expect(Object.keys(doc.cis[0].attributes)).toEqual(['__proto__']);
  });
});
