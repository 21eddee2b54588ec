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
  it('a call from the app frame reaches the service with its payload as sent: dispatch validates it, once', async () => {
    const { call, dispatch } = setup({ ok: true, value: [] });
    await expect(call('ci.search', { query: 'db' })).resolves.toEqual({ ok: true, value: [] });
    expect(dispatch).toHaveBeenCalledWith('ci.search', { query: 'db' });
    const refused: ApiResult = { ok: false, error: { code: 'invalid_input', message: 'ci.name: must not be empty' } };
    dispatch.mockResolvedValueOnce(refused);
    await expect(call('ci.create', { ci: { name: '' } })).resolves.toEqual(refused);
    expect(dispatch).toHaveBeenLastCalledWith('ci.create', { ci: { name: '' } });
  });

  it('an error result from the service is passed back unchanged', async () => {
    const notFound: ApiResult = { ok: false, error: { code: 'not_found', message: 'No CI x' } };
    const { call } = setup(notFound);
    await expect(call('ci.get', { id: 'x' })).resolves.toEqual(notFound);
  });

  it('a call from another frame is refused and the service is not called', async () => {
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
