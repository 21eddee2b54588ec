// The service's data operations over the real storage: import preview and apply (one
// transaction, one undo step, rejections with file and row, failed parses change nothing,
// remembered CSV mappings), export.file in every format, snapshots and their diffs, and
// "as of" views between two edits.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultlineService, type FaultlineService } from '../../../../src/node/service';
import type { Ci, CmdbDocument } from '../../../../src/shared/model';
import type {
  ApiResult,
  AsOfView,
  DocumentInfo,
  ExportedFile,
  ImportApplied,
  ImportPreview,
  MutationResult,
  SnapshotDiffResult,
} from '../../../../src/shared/operations';
import type { SnapshotMeta } from '../../../../src/shared/data-types';
import { tempDir, writeDocument } from './fixture';

const dirs: string[] = [];
const services: FaultlineService[] = [];

async function open(): Promise<{ service: FaultlineService; doc: string; dataDir: string }> {
  const dir = tempDir('data-ops');
  dirs.push(dir);
  const doc = writeDocument(join(dir, 'small.faultline'));
  const dataDir = join(dir, 'data');
  const service = await startFaultlineService({ dataDir, documentPath: doc, actor: 'tester', log: () => undefined });
  services.push(service);
  return { service, doc, dataDir };
}

async function call<T>(service: FaultlineService, name: string, input: unknown): Promise<T> {
  const result: ApiResult = await service.dispatch(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function failure(service: FaultlineService, name: string, input: unknown) {
  const result = await service.dispatch(name, input);
  if (result.ok) throw new Error(`${name} unexpectedly succeeded`);
  return result.error;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const CIS_CSV = [
  'Name,Class,Environment,Owner',
  'billing-api,application,production,payments',
  ',server,production,ops',
  'weird,spaceship,production,ops',
  'Web Shop,application,production,web-team',
].join('\n');

describe('import.preview of a file with an unreadable part', () => {
  const catalog = ['one', 'two', 'three']
    .map((name) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${name === 'two' ? '  title: "unclosed\n' : ''}spec:\n  type: service\n`)
    .join('---\n');

  it('refuses it at its line and column, offering the readable part; with skipUnreadable previews that part and counts the lost', async () => {
    const { service } = await open();
    const error = await failure(service, 'import.preview', { fileName: 'catalog.yaml', content: catalog });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Nothing was imported: catalog.yaml:12:10: document 2 is not valid YAML: Missing closing "quote');
    expect(error.issues).toContainEqual({ path: 'skipUnreadable', message: 'the readable part of the file can be previewed' });
    const preview = await call<ImportPreview>(service, 'import.preview', { fileName: 'catalog.yaml', content: catalog, skipUnreadable: true });
    expect(preview.plan.counts.cis.create).toBe(1);
    expect(preview.plan.leftOut).toEqual({ unreadableEntities: 2, danglingReferences: 0, unreadFields: [], likelyTruncated: false, hiddenSecrets: 0 });
    expect(preview.plan.warnings).toContain('catalog.yaml:12:10: document 2 is not valid YAML: Missing closing "quote; skipped as asked, 2 entities lost with it');
    const applied = await call<MutationResult<ImportApplied>>(service, 'import.apply', { previewId: preview.previewId });
    expect(applied.value).toMatchObject({ created: 1, leftOut: { unreadableEntities: 2 } });
  });
});

describe('import.preview and import.apply', () => {
  it('previews creates, updates and rejections with file and row, applies as one undo step, and undo restores', async () => {
    const { service, doc } = await open();
    const before = service.documentInfo();
    const preview = await call<ImportPreview>(service, 'import.preview', { fileName: 'cis.csv', content: CIS_CSV });
    expect(preview.format).toBe('csv-cis');
    expect(preview.truncated).toBe(false);
    expect(preview.csv?.suggested).toBe(true);
    expect(preview.csv?.header).toEqual(['Name', 'Class', 'Environment', 'Owner']);
    expect(preview.plan.counts.cis).toEqual({ create: 1, update: 1, unchanged: 0, rejected: 2 });
    expect(preview.plan.cis.create[0].input.name).toBe('billing-api');
    expect(preview.plan.cis.update[0]).toMatchObject({ id: 'app_web', matchedBy: 'name' });
    expect(preview.plan.cis.update[0].changes).toEqual([{ field: 'owner', before: 'platform-team', after: 'web-team' }]);
    expect(preview.plan.cis.rejected.map((r) => [r.file, r.row, r.field])).toEqual([
      ['cis.csv', 3, 'name'],
      ['cis.csv', 4, 'class'],
    ]);
    // A preview changes nothing.
    expect(service.documentInfo().revision).toBe(before.revision);

    const applied = await call<MutationResult<ImportApplied>>(service, 'import.apply', { previewId: preview.previewId });
    expect(applied.value).toEqual({
      created: 1,
      updated: 1,
      relationshipsCreated: 0,
      relationshipsUpdated: 0,
      changesCreated: 0,
      changesUpdated: 0,
      incidentsCreated: 0,
      incidentsUpdated: 0,
      problemsCreated: 0,
      problemsUpdated: 0,
      rejected: 2,
      replanned: false,
      leftOut: { unreadableEntities: 0, danglingReferences: 0, unreadFields: [], likelyTruncated: false, hiddenSecrets: 0 },
    });
    expect(applied.info.ciCount).toBe(before.ciCount + 1);
    expect(applied.info.undoLabel).toBe('Import cis.csv');

    // One transaction in the journal.
    const records = readFileSync(`${doc}.journal`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tx: number });
    expect(records).toHaveLength(2);
    expect(new Set(records.map((r) => r.tx)).size).toBe(1);

    // The same preview cannot be applied twice.
    expect((await failure(service, 'import.apply', { previewId: preview.previewId })).code).toBe('not_found');

    const undone = await call<DocumentInfo>(service, 'history.undo', {});
    expect(undone.ciCount).toBe(before.ciCount);
    const web = await call<{ ci: Ci }>(service, 'ci.get', { id: 'app_web' });
    expect(web.ci.owner).toBe('platform-team');
    expect((await call<{ id: string }[]>(service, 'ci.search', { query: 'billing-api' })).length).toBe(0);
    expect(undone.canUndo).toBe(false);
  });

  it('imports a ServiceNow change_request export: changes created with their CIs, rejections by row, one journal transaction that survives a reopen', async () => {
    const { service, doc, dataDir } = await open();
    const csv = [
      'number,short_description,type,state,cmdb_ci,start_date,end_date,assigned_to,risk',
      'CHG0030001,Upgrade orders-db,Normal,Scheduled,CI0042,2026-12-06 01:00:00,2026-12-06 03:00:00,Dana Whitfield,Moderate',
      'CHG0030002,Rotate certificates,Standard,-4,lb-front,2026-12-06 02:00:00,2026-12-06 02:30:00,Sam Okafor,Low',
      'CHG0030003,Switch firmware,Normal,Scheduled,sw-core-07,2026-12-14 00:00:00,2026-12-14 02:00:00,Lee Marchetti,High',
    ].join('\n');
    const preview = await call<ImportPreview>(service, 'import.preview', { fileName: 'change_request.csv', content: csv });
    expect(preview.format).toBe('servicenow');
    expect(preview.plan.counts.changes).toEqual({ create: 2, update: 0, unchanged: 0, rejected: 1 });
    expect(preview.plan.changes.create.map((c) => [c.fields.number, c.fields.state, c.targets.map((t) => t.endpoint.name)])).toEqual([
      ['CHG0030001', 'scheduled', ['orders-db']],
      ['CHG0030002', 'assessed', ['lb-front']],
    ]);
    expect(preview.plan.changes.rejected.map((r) => [r.file, r.row, r.field])).toEqual([['change_request.csv', 4, 'cmdb_ci']]);
    const applied = await call<MutationResult<ImportApplied>>(service, 'import.apply', { previewId: preview.previewId });
    expect(applied.value).toMatchObject({ created: 0, changesCreated: 2, changesUpdated: 0, rejected: 1 });
    expect(applied.info.recordCounts.change).toBe(2);
    const records = readFileSync(`${doc}.journal`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tx: number; entity: string });
    expect(records.map((r) => r.entity)).toEqual(['change', 'change']);
    expect(new Set(records.map((r) => r.tx)).size).toBe(1);

    await service.close();
    services.splice(services.indexOf(service), 1);
    const again = await startFaultlineService({ dataDir, documentPath: doc, actor: 'tester', log: () => undefined });
    services.push(again);
    expect(again.documentInfo().recordCounts.change).toBe(2);
    // The same file again: both are matched by number and unchanged; the unresolved CI is still reported.
    const second = await call<ImportPreview>(again, 'import.preview', { fileName: 'change_request.csv', content: csv });
    expect(second.plan.counts.changes).toEqual({ create: 0, update: 0, unchanged: 2, rejected: 1 });
  });

  it('imports a ServiceNow incident export: incidents created on their CIs, an unresolved CI rejected with its row, one journal transaction', async () => {
    const { service, doc } = await open();
    const csv = [
      'number,short_description,cmdb_ci,business_service,impact,urgency,priority,state,opened_at,resolved_at',
      'INC0010001,Checkout errors,CI0042,,1 - High,1 - High,1 - Critical,2,2026-12-06 03:20:00,',
      'INC0010002,Certificate warning,lb-front,,2 - Medium,2 - Medium,3 - Moderate,Resolved,2026-12-06 02:40:00,2026-12-06 03:00:00',
      'INC0010003,Switch down,sw-core-07,,2,2,3,New,2026-12-06 04:00:00,',
    ].join('\n');
    const preview = await call<ImportPreview>(service, 'import.preview', { fileName: 'incident.csv', content: csv });
    expect(preview.plan.counts.incidents).toEqual({ create: 2, update: 0, unchanged: 0, rejected: 1 });
    expect(preview.plan.incidents.create.map((c) => [c.fields.number, c.fields.status, c.affected.map((e) => e.name)])).toEqual([
      ['INC0010001', 'in_progress', ['orders-db']],
      ['INC0010002', 'resolved', ['lb-front']],
    ]);
    expect(preview.plan.incidents.rejected.map((r) => [r.file, r.row, r.field])).toEqual([['incident.csv', 4, 'cmdb_ci']]);
    const applied = await call<MutationResult<ImportApplied>>(service, 'import.apply', { previewId: preview.previewId });
    expect(applied.value).toMatchObject({ created: 0, incidentsCreated: 2, incidentsUpdated: 0, problemsCreated: 0, rejected: 1 });
    expect(applied.info.recordCounts.incident).toBe(2);
    const records = readFileSync(`${doc}.journal`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tx: number; entity: string });
    expect(records.map((r) => r.entity)).toEqual(['incident', 'incident']);
    expect(new Set(records.map((r) => r.tx)).size).toBe(1);
  });

  it('a failed parse is reported with its place and changes nothing', async () => {
    const { service, doc } = await open();
    const before = service.documentInfo();
    const error = await failure(service, 'import.preview', { fileName: 'broken.json', content: '{"schemaVersion": 1, "cis": [' });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^Nothing was imported: broken\.json/);
    const unknown = await failure(service, 'import.preview', { fileName: 'notes.bin', content: 'hello' });
    expect(unknown.code).toBe('invalid_input');
    expect(unknown.issues?.[0].path).toBe('format');
    expect(service.documentInfo().revision).toBe(before.revision);
    expect(existsSync(`${doc}.journal`) ? readFileSync(`${doc}.journal`, 'utf8') : '').toBe('');
  });

  it('refuses to apply when the CMDB changed since the preview so that the import would do something else', async () => {
    const { service } = await open();
    const preview = await call<ImportPreview>(service, 'import.preview', { fileName: 'cis.csv', content: CIS_CSV });
    await call(service, 'ci.update', { id: 'app_web', patch: { owner: 'web-team' } });
    const error = await failure(service, 'import.apply', { previewId: preview.previewId });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/preview the file again/);
    expect(service.documentInfo().ciCount).toBe(8);
  });

  it('re-plans after an unrelated edit and applies when the result is the same', async () => {
    const { service } = await open();
    const preview = await call<ImportPreview>(service, 'import.preview', { fileName: 'cis.csv', content: CIS_CSV });
    await call(service, 'ci.update', { id: 'host_a', patch: { owner: 'someone' } });
    const applied = await call<MutationResult<ImportApplied>>(service, 'import.apply', { previewId: preview.previewId });
    expect(applied.value.replanned).toBe(true);
    expect(applied.info.ciCount).toBe(9);
  });

  it('remembers a CSV column mapping per header row in settings.json', async () => {
    const { service, dataDir } = await open();
    const content = 'Host,Team\nnew-host-1,ops\nnew-host-2,ops\n';
    const first = await call<ImportPreview>(service, 'import.preview', { fileName: 'hosts.csv', content });
    // The guess cannot tell which column is the name: the mapping step shows what to correct, nothing to apply.
    expect(first.csv).toMatchObject({ suggested: true, header: ['Host', 'Team'] });
    expect(first.csv?.problems).toContain('no column is mapped to name');
    expect(first.previewId).toBeNull();
    expect(first.plan.counts.cis.create).toBe(0);
    const wrong = await failure(service, 'import.preview', {
      fileName: 'hosts.csv',
      content,
      csvMapping: { ...first.csv!.mapping, columns: ['owner', 'ignore'] },
    });
    expect(wrong.code).toBe('invalid_input');
    expect(wrong.issues?.[0]).toEqual({ path: 'csvMapping', message: 'no column is mapped to name' });
    const mapping = { ...first.csv!.mapping, columns: ['name', 'owner'], defaultClass: 'server' as const };
    const chosen = await call<ImportPreview>(service, 'import.preview', { fileName: 'hosts.csv', content, csvMapping: mapping });
    expect(chosen.csv?.suggested).toBe(false);
    expect(chosen.plan.cis.create.map((c) => [c.input.name, c.input.class, c.input.owner])).toEqual([
      ['new-host-1', 'server', 'ops'],
      ['new-host-2', 'server', 'ops'],
    ]);
    await call(service, 'import.apply', { previewId: chosen.previewId });
    const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { csvMappings: Record<string, { columns: string[] }> };
    expect(Object.values(settings.csvMappings).map((m) => m.columns)).toEqual([['name', 'owner']]);

    const again = await call<ImportPreview>(service, 'import.preview', { fileName: 'hosts-2.csv', content: 'Host,Team\nnew-host-3,ops\n' });
    expect(again.csv).toMatchObject({ suggested: false, remembered: true, mapping: { columns: ['name', 'owner'], defaultClass: 'server' } });
  });

  it('caps long preview lists at 500 items and keeps the counts exact', async () => {
    const { service } = await open();
    const rows = Array.from({ length: 620 }, (_, i) => `bulk-${i},server,production,ops`);
    const preview = await call<ImportPreview>(service, 'import.preview', {
      fileName: 'bulk.csv',
      content: ['Name,Class,Environment,Owner', ...rows].join('\n'),
    });
    expect(preview.truncated).toBe(true);
    expect(preview.plan.cis.create).toHaveLength(500);
    expect(preview.plan.counts.cis.create).toBe(620);
    const applied = await call<MutationResult<ImportApplied>>(service, 'import.apply', { previewId: preview.previewId });
    expect(applied.value.created).toBe(620);
    expect(applied.info.ciCount).toBe(628);
  });

  it('imports relationships from other formats (docker-compose) in one step', async () => {
    const { service } = await open();
    const compose = 'services:\n  web:\n    image: nginx\n    depends_on: [api]\n  api:\n    image: node:20\n';
    const preview = await call<ImportPreview>(service, 'import.preview', { fileName: 'compose.yaml', content: compose, format: 'compose' });
    expect(preview.plan.counts.cis.create).toBe(2);
    expect(preview.plan.counts.relationships.create).toBe(1);
    const applied = await call<MutationResult<ImportApplied>>(service, 'import.apply', { previewId: preview.previewId });
    expect(applied.info.relationshipCount).toBe(8);
    expect((await call<DocumentInfo>(service, 'history.undo', {})).relationshipCount).toBe(7);
  });
});

describe('export.file', () => {
  it('writes every format, the whole CMDB or the CIs on screen', async () => {
    const { service } = await open();
    const files = async (format: string, ciIds?: string[]) =>
      (await call<{ files: ExportedFile[] }>(service, 'export.file', ciIds ? { format, ciIds } : { format })).files;

    const [json] = await files('json');
    expect(json).toMatchObject({ name: 'small.json', mimeType: 'application/json', encoding: 'utf8' });
    const document = JSON.parse(json.content) as CmdbDocument;
    expect(document.schemaVersion).toBe(1);
    expect(document.cis).toHaveLength(8);

    const csv = await files('csv');
    expect(csv.map((f) => f.name)).toEqual(['cis.csv', 'relationships.csv']);
    expect(csv[0].content.split('\r\n')[0]).toMatch(/^Id,Label,/);
    expect(csv[1].content.split('\r\n')[0]).toMatch(/^Id,Source,Target,Type|^Source,Target,Type/);

    const [xlsx] = await files('xlsx');
    expect(xlsx).toMatchObject({ name: 'small.xlsx', encoding: 'base64' });
    expect(Buffer.from(xlsx.content, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');

    const [graphml] = await files('graphml');
    expect(graphml.name).toBe('small.graphml');
    expect(graphml.content).toContain('<graphml');
    expect(graphml.content).toContain('Web Shop');
    const [gexf] = await files('gexf');
    expect(gexf.content).toContain('<gexf');
    const [dot] = await files('dot');
    expect(dot.content).toMatch(/^(strict )?digraph/);

    const [scoped] = await files('json', ['app_web', 'db_orders', 'no_such_ci']);
    const part = JSON.parse(scoped.content) as CmdbDocument;
    expect(part.cis.map((c) => c.id)).toEqual(['app_web', 'db_orders']);
    expect(part.relationships.map((r) => r.id)).toEqual(['rel_web_db']);

    expect((await failure(service, 'export.file', { format: 'pdf' })).code).toBe('invalid_input');
  });
});

describe('snapshots', () => {
  it('creates, lists and diffs snapshots (snapshot vs snapshot and vs now)', async () => {
    const { service, doc } = await open();
    const first = await call<SnapshotMeta>(service, 'snapshot.create', { name: 'Before upgrade' });
    expect(first).toMatchObject({ name: 'Before upgrade', ciCount: 8, relationshipCount: 7 });
    expect(existsSync(join(`${doc}.snapshots`, `${first.id}.json`))).toBe(true);

    await call(service, 'ci.update', { id: 'db_orders', patch: { owner: 'dba-team' } });
    await call(service, 'rel.delete', { id: 'rel_web_lb' });
    const second = await call<SnapshotMeta>(service, 'snapshot.create', { name: 'After upgrade' });
    expect(second.relationshipCount).toBe(6);
    await call(service, 'ci.create', { ci: { name: 'cache', class: 'database' } });

    const list = await call<SnapshotMeta[]>(service, 'snapshot.list', {});
    expect(list.map((s) => s.name)).toEqual(['Before upgrade', 'After upgrade']);

    const diff = await call<SnapshotDiffResult>(service, 'snapshot.diff', { from: first.id, to: second.id });
    expect(diff.from).toMatch(/^Before upgrade \(/);
    expect(diff.diff.cis.changed.map((c) => [c.id, c.changes])).toEqual([
      ['db_orders', [{ field: 'owner', before: 'platform-team', after: 'dba-team' }]],
    ]);
    expect(diff.diff.relationships.removed.map((r) => r.id)).toEqual(['rel_web_lb']);
    expect(diff.diff.counts.cis).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 7 });
    // Changed CIs (db_orders, both ends of the removed relationship) and their direct neighbours.
    expect(diff.nodes.map((n) => n.id).sort()).toEqual(['app_web', 'cl_db', 'db_orders', 'lb_front', 'svc_checkout']);
    expect(diff.edges.map((e) => e.id)).toContain('rel_web_lb');
    expect(diff.truncated).toBe(false);

    const toNow = await call<SnapshotDiffResult>(service, 'snapshot.diff', { from: second.id, to: 'now' });
    expect(toNow.to).toBe('now');
    expect(toNow.diff.cis.added.map((c) => c.name)).toEqual(['cache']);

    expect((await failure(service, 'snapshot.diff', { from: 'snap_missing', to: 'now' })).code).toBe('not_found');
  });
});

describe('history.asOf', () => {
  it('shows the CMDB as it was between two edits, and says when a time is before the oldest state kept', async () => {
    const { service, doc } = await open();
    expect(existsSync(join(`${doc}.history`, 'base.json'))).toBe(true);
    const created = await call<MutationResult<Ci>>(service, 'ci.create', { ci: { name: 'queue', class: 'technical_service' } });
    await sleep(15);
    const between = new Date().toISOString();
    await sleep(15);
    await call(service, 'ci.update', { id: created.value.id, patch: { name: 'queue-v2' } });
    await call(service, 'ci.delete', { id: 'lb_front' });

    const view = await call<AsOfView>(service, 'history.asOf', { time: between });
    expect(view.readOnly).toBe(true);
    expect(view.notice).toMatch(/^As of /);
    const names = view.nodes.map((n) => n.name);
    expect(names).toContain('queue');
    expect(names).not.toContain('queue-v2');
    expect(names).toContain('lb-front');
    expect(view.totalCis).toBe(9);
    expect(view.edges.map((e) => e.id)).toContain('rel_web_lb');

    const now = await call<AsOfView>(service, 'history.asOf', { time: new Date().toISOString() });
    expect(now.nodes.map((n) => n.name)).toContain('queue-v2');
    expect(now.totalCis).toBe(8);

    const early = await failure(service, 'history.asOf', { time: '2020-01-01T00:00:00.000Z' });
    expect(early.code).toBe('invalid_input');
    expect(early.message).toMatch(/before the oldest state Faultline keeps/);
  });
});
