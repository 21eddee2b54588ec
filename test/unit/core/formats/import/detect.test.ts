// Format detection and the single entry point.
import { describe, expect, it } from 'vitest';
import { detectImportFormat, mergeBatches, parseImport, parseServiceNow } from '../../../../../src/core/formats/import';
import { fixture, importError } from './fixtures';

describe('detectImportFormat', () => {
  it('recognises every fixture', () => {
    const expected: Record<string, string> = {
      'snapshot.faultline.json': 'faultline-json',
      'cis.csv': 'csv-cis',
      'foreign-cis.csv': 'csv-cis',
      'relationships.csv': 'csv-relationships',
      'servicenow/cmdb_ci.csv': 'servicenow',
      'servicenow/cmdb_rel_ci.csv': 'servicenow',
      'servicenow/cmdb_ci.json': 'servicenow',
      'servicenow/cmdb_rel_ci.json': 'servicenow',
      'backstage/catalog-info.yaml': 'backstage',
      'terraform/terraform.tfstate': 'terraform',
      'terraform/show.json': 'terraform',
      'terraform/legacy-v3.tfstate': 'terraform',
      'compose/docker-compose.yml': 'compose',
      'kubernetes/manifests.yaml': 'kubernetes',
    };
    for (const [name, format] of Object.entries(expected)) expect([name, detectImportFormat(name, fixture(name))]).toEqual([name, format]);
    expect(detectImportFormat('notes.md', '# hi')).toBeNull();
  });

  it('parseImport runs the detected parser, and refuses what it cannot place', () => {
    expect(parseImport(fixture('compose/docker-compose.yml'), { fileName: 'docker-compose.yml' }).cis).toHaveLength(7);
    expect(importError(() => parseImport('hello', { fileName: 'notes.md' })).code).toBe('format');
  });

  it('merges batches (cmdb_ci + cmdb_rel_ci) so one plan covers both', () => {
    const merged = mergeBatches([
      parseServiceNow(fixture('servicenow/cmdb_ci.csv'), { fileName: 'cmdb_ci.csv' }),
      parseServiceNow(fixture('servicenow/cmdb_rel_ci.csv'), { fileName: 'cmdb_rel_ci.csv' }),
    ]);
    expect([merged.cis.length, merged.relationships.length, merged.rejected.length]).toEqual([6, 6, 4]);
  });
});
