import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES, type ApiResult } from '../../../src/shared/operations';
import { registerOperationHandlers, type OperationHandlerDeps } from '../../../electron/main/ipc';
import type { SenderFrameLike } from '../../../electron/main/security';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<ApiResult>;

const APP_FRAME: SenderFrameLike = { url: 'file:///app/out/renderer/index.html', parent: null };
const EVIL_FRAME: SenderFrameLike = { url: 'https://evil.example/', parent: null };

function setup(result: ApiResult = { ok: true, value: 'done' }) {
  const handlers = new Map<string, Handler>();
  const registrations: string[] = [];
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      registrations.push(channel);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const dispatch = vi.fn(async (_name: string, _input: unknown): Promise<ApiResult> => result);
  const deps: OperationHandlerDeps = {
    getService: async () => ({ dispatch }),
    isTrustedSender: (frame) => frame === APP_FRAME,
  };
  const unregister = registerOperationHandlers(ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>, deps);
  const call = (name: string, input: unknown, frame: SenderFrameLike | null = APP_FRAME) => {
    const handler = handlers.get(`faultline:op:${name}`);
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler({ senderFrame: frame } as unknown as IpcMainInvokeEvent, input);
  };
  return { ipcMain, handlers, registrations, dispatch, call, unregister };
}

describe('IPC registration', () => {
  it('registers exactly one handler per operation, on faultline:op:<name>', () => {
    const { registrations } = setup();
    expect(registrations).toHaveLength(OPERATION_NAMES.length);
    expect(new Set(registrations).size).toBe(OPERATION_NAMES.length);
    expect([...registrations].sort()).toEqual(OPERATION_NAMES.map((name) => `faultline:op:${name}`).sort());
  });

  it('the returned function removes every handler', () => {
    const { unregister, handlers, ipcMain } = setup();
    unregister();
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(OPERATION_NAMES.length);
    expect(handlers.size).toBe(0);
  });
});

describe('IPC calls', () => {
  it('a valid call reaches the service with the parsed input (defaults applied) and returns its result', async () => {
    const { call, dispatch } = setup({ ok: true, value: [] });
    await expect(call('ci.search', { query: 'db' })).resolves.toEqual({ ok: true, value: [] });
    expect(dispatch).toHaveBeenCalledWith('ci.search', { query: 'db', limit: 20 });
  });

  it('an error result from the service is passed back unchanged', async () => {
    const notFound: ApiResult = { ok: false, error: { code: 'not_found', message: 'No CI x' } };
    const { call } = setup(notFound);
    await expect(call('ci.get', { id: 'x' })).resolves.toEqual(notFound);
  });

  it('a payload failing its schema is refused with invalid_input and the service is not called', async () => {
    const { call, dispatch } = setup();
    const result = await call('ci.create', { ci: { name: '', class: 'spaceship' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    const paths = (result.error.issues ?? []).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['ci.name', 'ci.class']));
    expect(result.error.message).toContain('ci.name');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('unknown keys are refused (the schemas are strict)', async () => {
    const { call, dispatch } = setup();
    const result = await call('doc.info', { sneaky: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it.each(OPERATION_NAMES)('%s refuses a payload that is not an object', async (name) => {
    const { call, dispatch } = setup();
    for (const input of ['x', 42, null, undefined, [1, 2]]) {
      const result = await call(name, input);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('a call from another frame is refused before validation and the service is not called', async () => {
    const { call, dispatch } = setup();
    for (const frame of [EVIL_FRAME, null]) {
      const result = await call('doc.info', {}, frame);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/^Refused/);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('a service that throws, or is not open, answers an internal error instead of rejecting', async () => {
    const { call, dispatch } = setup();
    dispatch.mockRejectedValueOnce(new Error('disk on fire'));
    await expect(call('doc.info', {})).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'disk on fire' } });

    const handlers = new Map<string, Handler>();
    registerOperationHandlers(
      { handle: (c: string, h: Handler) => handlers.set(c, h), removeHandler: () => undefined } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>,
      { getService: () => Promise.reject(new Error('The CMDB is not open yet.')), isTrustedSender: () => true },
    );
    const result = await handlers.get('faultline:op:doc.info')?.({ senderFrame: APP_FRAME } as unknown as IpcMainInvokeEvent, {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'The CMDB is not open yet.' } });
  });
});
