// A CMDB holds internal topology: its files are readable by their owner only (0600) and the
// folders Faultline creates for it are 0700, like settings.json.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureHistoryBase } from '../../../../src/node/snapshots';
import { makeTempDir, open } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(() => cleanup());

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('file modes', () => {
  it('writes the checkpoint, journal, lock and history owner-only', async () => {
    const path = join(dir, 'new-folder', 'doc.faultline');
    const store = await open(path, { createIfMissing: true });
    expect(await mode(`${path}.lock`)).toBe(0o600);
    await store.persist(store.cmdb.createCi({ name: 'one', class: 'server' }).tx);
    await store.compact();
    await store.persist(store.cmdb.createCi({ name: 'two', class: 'server' }).tx);
    await store.close();
    await ensureHistoryBase(path);
    expect(await mode(join(dir, 'new-folder'))).toBe(0o700);
    expect(await mode(path)).toBe(0o600);
    expect(await mode(`${path}.journal`)).toBe(0o600);
    expect(await mode(`${path}.history`)).toBe(0o700);
  });
});
