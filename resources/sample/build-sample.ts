// Builds resources/sample-cmdb.faultline from sample-cmdb.source.ts (CIs and relationships)
// sample-changes.ts (the change requests) and sample-incidents.ts (the incidents and problem).
//   npx tsx resources/sample/build-sample.ts          write the file
//   npx tsx resources/sample/build-sample.ts --check  exit 1 if the file is missing or out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CmdbDocumentSchema, type CmdbDocument } from '../../src/shared/model';
import { CmdbGraph } from '../../src/core/graph/cmdb-graph';
import { buildSampleDocument } from './sample-cmdb.source';
import { withSampleChanges } from './sample-changes';
import { withSampleIncidents } from './sample-incidents';

export const SAMPLE_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'sample-cmdb.faultline');

/** Validates the sample beyond the schema: unique ids, existing ends, no self-loops or duplicates. */
export function checkSampleDocument(document: CmdbDocument): string[] {
  const problems: string[] = [];
  const ciIds = new Set<string>();
  for (const ci of document.cis) {
    if (ciIds.has(ci.id)) problems.push(`duplicate CI id ${ci.id}`);
    ciIds.add(ci.id);
  }
  const relIds = new Set<string>();
  const keys = new Set<string>();
  for (const rel of document.relationships) {
    if (relIds.has(rel.id)) problems.push(`duplicate relationship id ${rel.id}`);
    relIds.add(rel.id);
    if (!ciIds.has(rel.source)) problems.push(`${rel.id}: no CI ${rel.source}`);
    if (!ciIds.has(rel.target)) problems.push(`${rel.id}: no CI ${rel.target}`);
    if (rel.source === rel.target) problems.push(`${rel.id}: self-loop`);
    const key = `${rel.source} ${rel.target} ${rel.type}`;
    if (keys.has(key)) problems.push(`${rel.id}: duplicate (source, target, type)`);
    keys.add(key);
  }
  return problems;
}

export function renderSample(): string {
  const graphOnly = CmdbDocumentSchema.parse(buildSampleDocument());
  const problems = checkSampleDocument(graphOnly);
  if (problems.length > 0) throw new Error(`sample CMDB is invalid:\n  ${problems.join('\n  ')}`);
  new CmdbGraph(graphOnly.cis, graphOnly.relationships).indexes();
  // The change requests, then the incidents (one caused by a change), made by the core's own functions.
  const document = CmdbDocumentSchema.parse(withSampleIncidents(withSampleChanges(graphOnly)));
  return `${JSON.stringify(document, null, 2)}\n`;
}

function main(): void {
  const text = renderSample();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SAMPLE_PATH, 'utf8');
    } catch {
      current = '';
    }
    if (current !== text) {
      console.error(`${SAMPLE_PATH} is out of date: run npx tsx resources/sample/build-sample.ts`);
      process.exit(1);
    }
    console.log(`${SAMPLE_PATH} is up to date`);
    return;
  }
  writeFileSync(SAMPLE_PATH, text);
  const document = JSON.parse(text) as CmdbDocument;
  const records = Object.entries(document.records ?? {}).map(([kind, list]) => `${list.length} ${kind}`).join(', ');
  console.log(`wrote ${SAMPLE_PATH}: ${document.cis.length} CIs, ${document.relationships.length} relationships${records ? `, ${records}` : ''}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
