// The Faultline JSON snapshot importer: lossless fields, per-entry rejections by JSON path,
// schema versions.
import { describe, expect, it } from 'vitest';
import { encodeCheckpointSteps } from '../../../../../src/core/checkpoint/columns';
import { parseFaultlineSnapshot } from '../../../../../src/core/formats/import';
import { runSteps } from '../../../../../src/core/steps';
import type { CmdbDocument } from '../../../../../src/shared/model';
import { edges, fixture, importError } from './fixtures';

describe('parseFaultlineSnapshot', () => {
  it('reads the fixture: 4 CIs and 3 relationships with every field, the bad class and type rejected at their paths', () => {
    const batch = parseFaultlineSnapshot(fixture('snapshot.faultline.json'), { fileName: 'snap.json' });
    expect(batch.cis.map((c) => c.id)).toEqual(['ci_shop', 'ci_orders', 'ci_db', 'ci_pool']);
    expect(batch.cis[0]).toEqual({
      key: 'ci_shop',
      system: 'faultline',
      id: 'ci_shop',
      name: 'Web Shop',
      class: 'business_service',
      environment: 'production',
      criticality: 1,
      owner: 'commerce',
      status: 'live',
      tags: ['customer-facing'],
      attributes: { url: 'https://shop.example.com' },
      externalIds: { servicenow: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' },
      redundancy: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
      sourceRef: { file: 'snap.json', path: 'cis[0]' },
    });
    expect(batch.cis[3].redundancy).toEqual({ minHealthy: 2 });
    expect(edges(batch)).toEqual(['ci_shop -depends_on-> ci_orders', 'ci_orders -depends_on-> ci_db', 'ci_orders -runs_on(soft)(inferred)-> ci_pool']);
    expect(batch.relationships.map((r) => r.id)).toEqual(['rel_1', 'rel_2', 'rel_3']);
    expect(batch.rejected.map((r) => [r.entity, r.path, r.field])).toEqual([
      ['ci', 'cis[4]', 'class'],
      ['relationship', 'relationships[3]', 'type'],
    ]);
  });

  it('refuses files that are not snapshots, newer schema versions and bad JSON, naming the place', () => {
    expect(importError(() => parseFaultlineSnapshot('[]', { fileName: 'a.json' })).reason).toMatch(/expected a JSON object/);
    expect(importError(() => parseFaultlineSnapshot('{"cis":[]}', { fileName: 'a.json' })).reason).toMatch(/no schemaVersion/);
    const newer = importError(() => parseFaultlineSnapshot('{"schemaVersion":4,"cis":[]}', { fileName: 'a.json' }));
    expect([newer.code, newer.path]).toEqual(['format', 'schemaVersion']);
    expect(newer.reason).toMatch(/schema version 4/);
    const bad = importError(() => parseFaultlineSnapshot('{\n  "schemaVersion": 1,\n  "cis": [,]\n}', { fileName: 'a.json' }));
    expect([bad.code, bad.line]).toEqual(['syntax', 3]);
    expect(importError(() => parseFaultlineSnapshot('{"schemaVersion":1,"cis":{}}', { fileName: 'a.json' })).path).toBe('cis');
  });

  it('reads a Faultline document file (a schemaVersion 2 checkpoint) as the snapshot of the same CMDB', () => {
    const snapshot = fixture('snapshot.faultline.json');
    const batch = parseFaultlineSnapshot(snapshot, { fileName: 'snap.json' });
    const valid = JSON.parse(snapshot) as CmdbDocument;
    const document: CmdbDocument = { ...valid, cis: valid.cis.slice(0, 4), relationships: valid.relationships.slice(0, 3) };
    const checkpoint = JSON.stringify(runSteps(encodeCheckpointSteps(document)));
    const fromCheckpoint = parseFaultlineSnapshot(checkpoint, { fileName: 'doc.faultline' });
    const withoutRefs = (b: typeof batch) => ({ cis: b.cis.map(({ sourceRef: _, ...c }) => c), relationships: b.relationships.map(({ sourceRef: _, ...r }) => r) });
    expect(withoutRefs(fromCheckpoint)).toEqual(withoutRefs(batch));
    expect(fromCheckpoint.cis[1].sourceRef).toEqual({ file: 'doc.faultline', path: 'cis[1]' });

    const broken = checkpoint.replace(/"journalSeq":\d+/, '"journalSeq":-1');
    const refused = importError(() => parseFaultlineSnapshot(broken, { fileName: 'doc.faultline' }));
    expect([refused.code, refused.path]).toEqual(['format', 'journalSeq']);
    expect(refused.reason).toMatch(/not a valid Faultline document: journalSeq: expected a whole number/);
  });

  it('reads a version 2 document file too, and says which records of other kinds it does not import', () => {
    const document: CmdbDocument = { schemaVersion: 1, journalSeq: 0, cis: [], relationships: [], settings: {} };
    const { records: _none, ...v2 } = { ...runSteps(encodeCheckpointSteps(document)), schemaVersion: 2 };
    expect(parseFaultlineSnapshot(JSON.stringify(v2), { fileName: 'old.faultline' }).warnings).toEqual([]);
    const withRecords = { ...document, records: { setting: [{ id: 'risk.weights', value: 1, updatedAt: '2026-01-01T00:00:00.000Z' }] } };
    const batch = parseFaultlineSnapshot(JSON.stringify(withRecords), { fileName: 'snap.json' });
    expect(batch.warnings).toEqual([expect.stringMatching(/^records: not imported \(1 setting\)/)]);
  });
});
