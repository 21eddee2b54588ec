// The Faultline service over the real storage: first run copies the sample, the last
// document is remembered, every operation answers through dispatch with the contract's
// error codes, edits are durable across restarts, and a failed open keeps the current one.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEnvironment, pushRecent, RECENT_LIMIT, startFaultlineService, type FaultlineService } from '../../../../src/node/service';
import { openCmdbStore } from '../../../../src/node/storage';
import { CURRENT_SCHEMA_VERSION } from '../../../../src/shared/model';
import type { ApiResult, DocumentInfo } from '../../../../src/shared/operations';
import { impactedList, type BlastRadiusResult } from '../../../../src/shared/impact-types';
import { smallDocument, tempDir, writeDocument } from './fixture';

const dirs: string[] = [];
const services: FaultlineService[] = [];

function newDir(prefix: string): string {
  const dir = tempDir(prefix);
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string, extra: { documentPath?: string; sampleSource?: string } = {}): Promise<FaultlineService> {
  const service = await startFaultlineService({ dataDir, actor: 'tester', log: () => undefined, ...extra });
  services.push(service);
  return service;
}

async function stop(service: FaultlineService): Promise<void> {
  await service.close();
  services.splice(services.indexOf(service), 1);
}

/** A data folder plus a sample source outside it. */
function setup(): { dataDir: string; sample: string; elsewhere: string } {
  const elsewhere = newDir('src');
  const sample = writeDocument(join(elsewhere, 'sample-cmdb.faultline'));
  return { dataDir: join(newDir('data'), 'Faultline'), sample, elsewhere };
}

function value<T>(result: ApiResult): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

function readSettings(dataDir: string): { recent: string[]; lastOpened: string | null } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
}

afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('start-up', () => {
  it('on first run copies the sample into the data folder, opens it and remembers it', async () => {
    const { dataDir, sample } = setup();
    const service = await start(dataDir, { sampleSource: sample });
    const info = service.documentInfo();
    const copied = join(dataDir, 'sample-cmdb.faultline');
    expect(info.path).toBe(copied);
    expect(info.title).toBe('sample-cmdb.faultline');
    expect(info.ciCount).toBe(8);
    expect(info.relationshipCount).toBe(7);
    expect(info.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(info.recent).toEqual([copied]);
    expect(readSettings(dataDir)).toMatchObject({ recent: [copied], lastOpened: copied });
    expect(readFileSync(sample, 'utf8')).toBe(JSON.stringify(smallDocument()));
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('finds the bundled sample in resources/ when no sampleSource is given', async () => {
    const dataDir = join(newDir('data'), 'Faultline');
    const service = await start(dataDir);
    const info = service.documentInfo();
    expect(info.path).toBe(join(dataDir, 'sample-cmdb.faultline'));
    expect(info.ciCount).toBeGreaterThanOrEqual(150);
    expect(info.warnings).toEqual([]);
  });

  it('reopens the document opened last, and does not copy the sample again', async () => {
    const { dataDir, sample } = setup();
    let service = await start(dataDir, { sampleSource: sample });
    const created = value<DocumentInfo>(await service.dispatch('doc.new', { path: 'team' }));
    expect(created.path).toBe(join(dataDir, 'team.faultline'));
    await stop(service);

    service = await start(dataDir, { sampleSource: sample });
    expect(service.documentInfo().path).toBe(join(dataDir, 'team.faultline'));
    expect(service.documentInfo().recent).toEqual([join(dataDir, 'team.faultline'), join(dataDir, 'sample-cmdb.faultline')]);
  });

  it('opens documentPath when given', async () => {
    const { dataDir, sample, elsewhere } = setup();
    const other = writeDocument(join(elsewhere, 'other.faultline'));
    const service = await start(dataDir, { sampleSource: sample, documentPath: other });
    expect(service.documentInfo().path).toBe(other);
    expect(existsSync(join(dataDir, 'sample-cmdb.faultline'))).toBe(false);
  });

  it('refuses a missing documentPath with a clear error', async () => {
    const { dataDir, sample, elsewhere } = setup();
    await expect(start(dataDir, { sampleSource: sample, documentPath: join(elsewhere, 'nope.faultline') })).rejects.toThrow(/No such file/);
  });

  it('falls back to the sample, with a warning, when the last document is corrupt', async () => {
    const { dataDir, sample, elsewhere } = setup();
    const other = writeDocument(join(elsewhere, 'other.faultline'));
    let service = await start(dataDir, { sampleSource: sample });
    value(await service.dispatch('doc.open', { path: other }));
    await stop(service);
    writeFileSync(other, '{"schemaVersion": 1, "cis": [');

    service = await start(dataDir, { sampleSource: sample });
    const info = service.documentInfo();
    expect(info.path).toBe(join(dataDir, 'sample-cmdb.faultline'));
    expect(info.warnings.join(' ')).toContain('other.faultline');
  });

  it('starts an empty document, and says why, when the sample is missing', async () => {
    const { dataDir, elsewhere } = setup();
    const service = await start(dataDir, { sampleSource: join(elsewhere, 'missing.faultline') });
    const info = service.documentInfo();
    expect(info.ciCount).toBe(0);
    expect(info.title).toBe('untitled.faultline');
    expect(info.warnings.join(' ')).toMatch(/sample CMDB was not found/);
  });

  it('keeps settings keys it does not own', async () => {
    const { dataDir, sample } = setup();
    let service = await start(dataDir, { sampleSource: sample });
    await stop(service);
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ ...readSettings(dataDir), windowBounds: { width: 800 } }));
    service = await start(dataDir, { sampleSource: sample });
    value(await service.dispatch('doc.new', { path: 'x' }));
    expect(readSettings(dataDir).windowBounds).toEqual({ width: 800 });
  });

  it('releases the document when closed', async () => {
    const { dataDir, sample } = setup();
    const service = await start(dataDir, { sampleSource: sample });
    const path = service.documentInfo().path;
    await expect(openCmdbStore(path, { env: createEnvironment('other') })).rejects.toMatchObject({ kind: 'locked' });
    await stop(service);
    const store = await openCmdbStore(path, { env: createEnvironment('other') });
    expect(store.cmdb.graph.ciCount).toBe(8);
    await store.close();
  });
});

describe('dispatch', () => {
  it('answers an unknown operation with unknown_operation', async () => {
    const { dataDir, sample } = setup();
    const service = await start(dataDir, { sampleSource: sample });
    expect(await service.dispatch('ci.explode', {})).toEqual({
      ok: false,
      error: { code: 'unknown_operation', message: 'Unknown operation: ci.explode' },
    });
    expect((await service.dispatch('__proto__', {})).ok).toBe(false);
  });

  it('validates input with the operation schema and names every field at fault', async () => {
    const { dataDir, sample } = setup();
    const service = await start(dataDir, { sampleSource: sample });
    const result = await service.dispatch('ci.create', { ci: { name: '', class: 'spaceship' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues?.map((issue) => issue.path).sort()).toEqual(['ci.class', 'ci.name']);
    expect(result.error.message).toMatch(/^ci\.(name|class): .+ \(and 1 more\)$/);

    const extra = await service.dispatch('doc.info', { surprise: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const notObject = await service.dispatch('ci.get', 'app_web');
    expect(notObject).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(service.documentInfo().ciCount).toBe(8);
  });

  it('turns core errors into their code with the field as an issue path', async () => {
    const { dataDir, sample } = setup();
    const service = await start(dataDir, { sampleSource: sample });
    const missingEnd = await service.dispatch('rel.create', { relationship: { source: 'app_web', target: 'ghost', type: 'depends_on' } });
    expect(missingEnd).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'target: no CI with id ghost', issues: [{ path: 'relationship.target', message: 'no CI with id ghost' }] },
    });
    const duplicate = await service.dispatch('rel.create', { relationship: { source: 'app_web', target: 'db_orders', type: 'depends_on' } });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'relationship.type' }] } });
    const unknown = await service.dispatch('ci.get', { id: 'ghost' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', issues: [{ path: 'id' }] } });
    const updateUnknown = await service.dispatch('ci.update', { id: 'ghost', patch: { name: 'x' } });
    expect(updateUnknown).toMatchObject({ ok: false, error: { code: 'not_found', issues: [{ path: 'id' }] } });
    const takenId = await service.dispatch('ci.create', { ci: { id: 'app_web', name: 'again', class: 'application' } });
    expect(takenId).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'ci.id' }] } });
  });

  it('answers the queries: view, facets, details, search and impact', async () => {
    const { dataDir, sample } = setup();
    const service = await start(dataDir, { sampleSource: sample });
    const view = value<{ nodes: unknown[]; edges: unknown[]; mode: string }>(await service.dispatch('view.graph', {}));
    expect(view.nodes).toHaveLength(8);
    expect(view.edges).toHaveLength(7);
    expect(view.mode).toBe('all');
    const facets = value<{ classes: { value: string; count: number }[] }>(await service.dispatch('view.facets', {}));
    expect(facets.classes).toContainEqual({ value: 'server', count: 3 });
    const details = value<{ ci: { name: string }; outgoing: unknown[]; incoming: unknown[] }>(await service.dispatch('ci.get', { id: 'app_web' }));
    expect(details.ci.name).toBe('Web Shop');
    expect(details.outgoing).toHaveLength(3);
    const hits = value<{ ci: { id: string } }[]>(await service.dispatch('ci.search', { query: 'orders' }));
    expect(hits.map((hit) => hit.ci.id)).toContain('db_orders');

    const blast = value<BlastRadiusResult>(await service.dispatch('impact.blastRadius', { targets: [{ ciId: 'db_orders' }] }));
    expect(impactedList(blast.impacted).find((entry) => entry.id === 'svc_checkout')?.level).toBe('down');
    const deps = value<{ dependencies: { id: string }[] }>(await service.dispatch('impact.dependencies', { ciId: 'app_web' }));
    expect(deps.dependencies.map((entry) => entry.id)).toContain('db_orders');
    const spof = value<{ singlePointsOfFailure: { id: string }[] }>(await service.dispatch('impact.spof', { serviceId: 'svc_checkout' }));
    const spofIds = spof.singlePointsOfFailure.map((entry) => entry.id);
    expect(spofIds).toContain('db_orders');
    expect(spofIds).not.toContain('host_a');
  });
});

describe('edits', () => {
  it('persists every mutation, bumps the revision and tells listeners', async () => {
    const { dataDir, sample } = setup();
    let service = await start(dataDir, { sampleSource: sample });
    const seen: DocumentInfo[] = [];
    service.onChange((info) => seen.push(info));
    const before = service.documentInfo().revision;

    const created = value<{ value: { id: string }; info: DocumentInfo }>(
      await service.dispatch('ci.create', { ci: { name: 'cache', class: 'cache' } }),
    );
    const id = created.value.id;
    expect(id).toMatch(/^ci_[0-9a-f]{16}$/);
    expect(created.info.ciCount).toBe(9);
    expect(created.info.canUndo).toBe(true);
    expect(created.info.undoLabel).toBe('Create cache');
    expect(created.info.revision).toBeGreaterThan(before);
    value(await service.dispatch('ci.update', { id, patch: { owner: 'sre' } }));
    const link = value<{ value: { id: string } }>(
      await service.dispatch('rel.create', { relationship: { source: 'app_web', target: id, type: 'depends_on', strength: 'soft' } }),
    );
    value(await service.dispatch('rel.update', { id: link.value.id, patch: { strength: 'hard' } }));
    value(await service.dispatch('rel.delete', { id: 'rel_web_lb' }));
    const deleted = value<{ value: { deletedRelationships: number } }>(await service.dispatch('ci.delete', { id: 'host_c' }));
    expect(deleted.value.deletedRelationships).toBe(1);
    expect(seen).toHaveLength(6);
    expect(seen.map((info) => info.revision)).toEqual([...seen.map((info) => info.revision)].sort((a, b) => a - b));
    await stop(service);

    service = await start(dataDir, { sampleSource: sample });
    const details = value<{ ci: { owner: string }; incoming: { relationship: { strength: string } }[] }>(
      await service.dispatch('ci.get', { id }),
    );
    expect(details.ci.owner).toBe('sre');
    expect(details.incoming.map((entry) => entry.relationship.strength)).toEqual(['hard']);
    expect(service.documentInfo().ciCount).toBe(8);
    expect(service.documentInfo().relationshipCount).toBe(6);
  });

  it('undoes and redoes, durably', async () => {
    const { dataDir, sample } = setup();
    let service = await start(dataDir, { sampleSource: sample });
    value(await service.dispatch('ci.delete', { id: 'db_orders' }));
    let info = value<DocumentInfo>(await service.dispatch('history.undo', {}));
    expect(info.ciCount).toBe(8);
    expect(info.canRedo).toBe(true);
    expect(info.redoLabel).toBe('Delete orders-db');
    expect(value<{ incoming: unknown[] }>(await service.dispatch('ci.get', { id: 'db_orders' })).incoming).toHaveLength(1);
    info = value<DocumentInfo>(await service.dispatch('history.redo', {}));
    expect(info.ciCount).toBe(7);
    info = value<DocumentInfo>(await service.dispatch('history.undo', {}));
    expect(info.ciCount).toBe(8);
    await stop(service);

    service = await start(dataDir, { sampleSource: sample });
    expect(service.documentInfo().ciCount).toBe(8);
    expect(service.documentInfo().relationshipCount).toBe(7);
    // Nothing to undo in a fresh session: a no-op, not an error.
    expect(value<DocumentInfo>(await service.dispatch('history.undo', {})).ciCount).toBe(8);
  });

  it('serializes concurrent calls: every edit lands once, in order', async () => {
    const { dataDir, sample } = setup();
    let service = await start(dataDir, { sampleSource: sample });
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => service.dispatch('ci.create', { ci: { id: `burst_${i}`, name: `burst ${i}`, class: 'container' } })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    await stop(service);
    service = await start(dataDir, { sampleSource: sample });
    expect(service.documentInfo().ciCount).toBe(33);
  });
});

describe('documents', () => {
  it('opens another document and puts it first in the recent list', async () => {
    const { dataDir, sample, elsewhere } = setup();
    const other = writeDocument(join(elsewhere, 'other.faultline'), { ...smallDocument(), cis: smallDocument().cis.slice(0, 2), relationships: [smallDocument().relationships[0]] });
    const service = await start(dataDir, { sampleSource: sample });
    const first = service.documentInfo();
    const info = value<DocumentInfo>(await service.dispatch('doc.open', { path: other }));
    expect(info.path).toBe(other);
    expect(info.title).toBe('other.faultline');
    expect(info.ciCount).toBe(2);
    expect(info.recent).toEqual([other, first.path]);
    expect(info.revision).toBeGreaterThan(first.revision);
    expect(readSettings(dataDir).lastOpened).toBe(other);
    // The previous document was closed: its lock is free.
    const store = await openCmdbStore(first.path, { env: createEnvironment('other') });
    await store.close();
  });

  it('keeps the current document when the file to open is missing, corrupt, newer or locked', async () => {
    const { dataDir, sample, elsewhere } = setup();
    const service = await start(dataDir, { sampleSource: sample });
    const current = service.documentInfo().path;

    const missing = await service.dispatch('doc.open', { path: join(elsewhere, 'missing.faultline') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    if (!missing.ok) expect(missing.error.message).toContain('sample-cmdb.faultline is still open');

    const corruptPath = join(elsewhere, 'broken.faultline');
    writeFileSync(corruptPath, '{"schemaVersion":1, not json');
    const corrupt = await service.dispatch('doc.open', { path: corruptPath });
    expect(corrupt).toMatchObject({ ok: false, error: { code: 'io_error' } });
    if (!corrupt.ok) expect(corrupt.error.message).toMatch(/broken\.faultline\.corrupt-/);

    const newerPath = writeDocument(join(elsewhere, 'newer.faultline'), { ...smallDocument(), schemaVersion: 99 } as unknown as ReturnType<typeof smallDocument>);
    const newer = await service.dispatch('doc.open', { path: newerPath });
    expect(newer).toMatchObject({ ok: false, error: { code: 'io_error' } });
    if (!newer.ok) expect(newer.error.message).toMatch(/newer version of Faultline/);

    const lockedPath = writeDocument(join(elsewhere, 'locked.faultline'));
    const holder = await openCmdbStore(lockedPath, { env: createEnvironment('other') });
    const locked = await service.dispatch('doc.open', { path: lockedPath });
    await holder.close();
    expect(locked).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const info = service.documentInfo();
    expect(info.path).toBe(current);
    expect(info.ciCount).toBe(8);
    expect(value<DocumentInfo>(await service.dispatch('doc.info', {})).path).toBe(current);
    value(await service.dispatch('ci.update', { id: 'app_web', patch: { owner: 'still-works' } }));
  });

  it('opens only chosen, recent, data-folder or .faultline paths, and never touches a file that is not a Faultline document', async () => {
    const { dataDir, sample, elsewhere } = setup();
    const service = await start(dataDir, { sampleSource: sample });
    const current = service.documentInfo().path;
    const csv = 'name,owner\nweb,team-a\n';

    const outside = join(elsewhere, 'notes.csv');
    writeFileSync(outside, csv);
    const before = readdirSync(elsewhere).sort();
    const refused = await service.dispatch('doc.open', { path: outside });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'path' }] } });
    if (!refused.ok) expect(refused.error.message).toMatch(/notes\.csv .*not a \.faultline file/);
    for (const system of ['/etc/passwd', '/etc/hostname']) {
      expect(await service.dispatch('doc.open', { path: system })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await service.dispatch('doc.saveCopy', { path: join(elsewhere, 'copy.faultline') })).toMatchObject({ ok: true });

    const inData = join(dataDir, 'notes.csv');
    writeFileSync(inData, csv);
    const notOurs = await service.dispatch('doc.open', { path: inData });
    expect(notOurs).toMatchObject({ ok: false, error: { code: 'io_error' } });
    if (!notOurs.ok) expect(notOurs.error.message).toContain(`${inData} is not a Faultline document`);
    expect(readFileSync(inData, 'utf8')).toBe(csv);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('notes.csv'))).toEqual(['notes.csv']);

    // A path the user chose in a native dialog (Electron) is allowed, and still not touched.
    service.allowChosenPath(outside);
    const chosen = await service.dispatch('doc.open', { path: outside });
    if (!chosen.ok) expect(chosen.error.message).toContain(`${outside} is not a Faultline document`);
    expect(chosen.ok).toBe(false);
    expect(readFileSync(outside, 'utf8')).toBe(csv);
    expect(readdirSync(elsewhere).sort()).toEqual([...before, 'copy.faultline'].sort());
    expect(service.documentInfo().path).toBe(current);
  });

  it('creates a new empty document, never over an existing file', async () => {
    const { dataDir, sample, elsewhere } = setup();
    const service = await start(dataDir, { sampleSource: sample });
    const path = join(elsewhere, 'fresh.faultline');
    const info = value<DocumentInfo>(await service.dispatch('doc.new', { path }));
    expect(info).toMatchObject({ path, title: 'fresh.faultline', ciCount: 0, relationshipCount: 0, canUndo: false });
    value(await service.dispatch('ci.create', { ci: { name: 'first', class: 'site' } }));

    const again = await service.dispatch('doc.new', { path: sample });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'path' }] } });
    expect(service.documentInfo().path).toBe(path);
    expect(readFileSync(sample, 'utf8')).toBe(JSON.stringify(smallDocument()));
  });

  it('saves a copy that opens with the same content, and stays on the original', async () => {
    const { dataDir, sample, elsewhere } = setup();
    const service = await start(dataDir, { sampleSource: sample });
    value(await service.dispatch('ci.create', { ci: { id: 'extra', name: 'extra', class: 'site' } }));
    const original = service.documentInfo().path;
    const copy = value<{ path: string }>(await service.dispatch('doc.saveCopy', { path: join(elsewhere, 'copy') }));
    expect(copy.path).toBe(join(elsewhere, 'copy.faultline'));
    expect(service.documentInfo().path).toBe(original);
    expect(service.documentInfo().recent).toContain(copy.path);

    const store = await openCmdbStore(copy.path, { env: createEnvironment('other') });
    expect(store.cmdb.graph.ciCount).toBe(9);
    expect(store.cmdb.graph.getCi('extra')?.name).toBe('extra');
    await store.close();

    const overwrite = await service.dispatch('doc.saveCopy', { path: copy.path });
    expect(overwrite).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const onto = await service.dispatch('doc.saveCopy', { path: original });
    expect(onto).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('recent list', () => {
  it('puts the newest first, without duplicates, at most RECENT_LIMIT long', () => {
    let recent: string[] = [];
    for (let i = 0; i < RECENT_LIMIT + 3; i++) recent = pushRecent(recent, `/d/${i}.faultline`);
    recent = pushRecent(recent, '/d/5.faultline');
    expect(recent).toHaveLength(RECENT_LIMIT);
    expect(recent[0]).toBe('/d/5.faultline');
    expect(recent.filter((path) => path === '/d/5.faultline')).toHaveLength(1);
    expect(recent[1]).toBe(`/d/${RECENT_LIMIT + 2}.faultline`);
  });
});
