// dispatch is where every adapter's input is validated (IPC, HTTP and the CLI hand it over as
// sent), and where who is acting comes from: the display name in settings, else the OS user.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFaultlineService, type FaultlineService } from '../../../../src/node/service';
import { readJournal } from '../../../../src/node/storage/journal';
import { OPERATION_NAMES, type DocumentInfo } from '../../../../src/shared/operations';
import type { Ci } from '../../../../src/shared/model';
import { tempDir, writeDocument } from './fixture';
import { cleanedUpAfterEach, okValue } from './harness';

const { services, dirs } = cleanedUpAfterEach();

async function start(): Promise<{ service: FaultlineService; dataDir: string; doc: string }> {
  const dir = tempDir('dispatch');
  dirs.push(dir);
  const doc = writeDocument(join(dir, 'shop.faultline'));
  const dataDir = join(dir, 'data');
  const service = await startFaultlineService({ dataDir, documentPath: doc, actor: 'os-user', log: () => undefined });
  services.push(service);
  return { service, dataDir, doc };
}



describe('dispatch validates every operation’s input', () => {
  it('refuses, for every operation, a payload that is not an object, and changes nothing', async () => {
    const { service } = await start();
    const before = service.documentInfo();
    for (const name of OPERATION_NAMES) {
      for (const input of ['x', 42, null, [1, 2]]) {
        const result = await service.dispatch(name, input);
        expect(result, `${name} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    }
    expect(service.documentInfo().revision).toBe(before.revision);
    expect(service.documentInfo().ciCount).toBe(before.ciCount);
  });

  it('names each field at fault, and refuses unknown keys', async () => {
    const { service } = await start();
    const result = await service.dispatch('ci.create', { ci: { name: '', class: 'spaceship' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues?.map((issue) => issue.path)).toEqual(expect.arrayContaining(['ci.name', 'ci.class']));
    expect(result.error.message).toContain('ci.name');
    expect(await service.dispatch('doc.info', { sneaky: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('who is acting', () => {
  it('records the OS user until a display name is set, then the display name, remembered across restarts', async () => {
    const { service, dataDir, doc } = await start();
    expect(service.documentInfo().actor).toBe('os-user');
    okValue(await service.dispatch('ci.update', { id: 'app_web', patch: { owner: 'team-a' } }));

    const info = okValue<DocumentInfo>(await service.dispatch('settings.setDisplayName', { name: '  Ana Lima ' }));
    expect(info.actor).toBe('Ana Lima');
    okValue(await service.dispatch('ci.update', { id: 'app_web', patch: { owner: 'team-b' } }));
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ displayName: 'Ana Lima' });
    await service.close();
    services.splice(services.indexOf(service), 1);

    const journal = await readJournal(`${doc}.journal`, { allowTornTail: false });
    expect(journal?.records.map((r) => [r.actor, (r.after as Ci).owner])).toEqual([
      ['os-user', 'team-a'],
      ['Ana Lima', 'team-b'],
    ]);

    const again = await startFaultlineService({ dataDir, documentPath: doc, actor: 'os-user', log: () => undefined });
    services.push(again);
    expect(again.documentInfo().actor).toBe('Ana Lima');
    expect(okValue<DocumentInfo>(await again.dispatch('settings.setDisplayName', { name: null })).actor).toBe('os-user');
    expect(await again.dispatch('settings.setDisplayName', { name: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('counts the records of every stored kind in DocumentInfo, zero included', async () => {
    const { service } = await start();
    expect(service.documentInfo().recordCounts).toEqual({ tombstone: 0, setting: 0, change: 0, window: 0, incident: 0, problem: 0 });
  });
});
