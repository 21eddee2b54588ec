// The preload under a mocked 'electron': what reaches the page is one object with call,
// platform and onMenu — never ipcRenderer or the IPC event.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES } from '../../../src/shared/operations';
import { PRELOAD_OPERATION_NAMES } from '../../../electron/common/operation-names';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    listeners,
    exposeInMainWorld: vi.fn(),
    invoke: vi.fn(async (_channel: string, _input: unknown) => ({ ok: true, value: 'from main' })),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    }),
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, removeListener: electron.removeListener },
}));

interface ExposedApi {
  call(name: string, input: unknown): Promise<unknown>;
  platform: string;
  onMenu(callback: (...args: unknown[]) => void): () => void;
}

let api: ExposedApi;

beforeAll(async () => {
  await import('../../../electron/preload/index');
  expect(electron.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, value] = electron.exposeInMainWorld.mock.calls[0] as [string, ExposedApi];
  expect(key).toBe('faultline');
  api = value;
});

describe('preload', () => {
  it('exposes exactly call, platform and onMenu', () => {
    expect(Object.keys(api).sort()).toEqual(['call', 'onMenu', 'platform']);
    expect(api.platform).toBe(process.platform);
    for (const value of Object.values(api)) {
      expect(value).not.toHaveProperty('invoke');
      expect(value).not.toHaveProperty('send');
    }
  });

  it('its operation list is the contract table', () => {
    expect([...PRELOAD_OPERATION_NAMES].sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it('call invokes faultline:op:<name> for an operation and returns the main process answer', async () => {
    await expect(api.call('ci.search', { query: 'db' })).resolves.toEqual({ ok: true, value: 'from main' });
    expect(electron.invoke).toHaveBeenLastCalledWith('faultline:op:ci.search', { query: 'db' });
  });

  it('call refuses a name that is not an operation without touching IPC', async () => {
    electron.invoke.mockClear();
    for (const name of ['faultline:menu', 'constructor', '__proto__', '', 'doc.info ']) {
      await expect(api.call(name, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    }
    await expect(api.call(42 as unknown as string, {})).resolves.toMatchObject({ ok: false });
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('onMenu passes the command only (not the event) and unsubscribes', () => {
    const received: unknown[][] = [];
    const off = api.onMenu((...args) => received.push(args));
    const listeners = [...(electron.listeners.get('faultline:menu') ?? [])];
    expect(listeners).toHaveLength(1);
    const fakeEvent = { sender: { invoke: () => undefined } };
    listeners[0]?.(fakeEvent, 'undo');
    listeners[0]?.(fakeEvent, { not: 'a string' });
    expect(received).toEqual([['undo']]);
    off();
    expect(electron.listeners.get('faultline:menu')?.size).toBe(0);
  });
});
