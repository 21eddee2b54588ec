// The whole main-process wiring under a mocked 'electron' and a fake service: the window,
// session security, IPC, title, menu, single instance, file opening and shutdown.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES, type ApiResult, type DocumentInfo } from '../../../src/shared/operations';
import { runFaultlineApp } from '../../../electron/main/app';
import type { ServiceLike, StartServiceOptions } from '../../../electron/main/service-types';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    appListeners: new Map<string, Listener[]>(),
    windows: [] as FakeWindow[],
    ipcHandlers: new Map<string, Listener>(),
    locked: true,
    isPackaged: false,
    headersListener: null as Listener | null,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    menus: [] as unknown[],
    quit: vi.fn(),
    showErrorBox: vi.fn(),
    showMessageBox: vi.fn(async () => ({ response: 0 })),
    addRecentDocument: vi.fn(),
  };
  class FakeWindow {
    options: unknown;
    title = '';
    listeners = new Map<string, Listener>();
    loadedFile: string | null = null;
    loadedUrl: string | null = null;
    focused = 0;
    webContents = { send: vi.fn() };
    constructor(options: unknown) {
      this.options = options;
      state.windows.push(this);
    }
    setTitle(title: string) {
      this.title = title;
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    loadFile(path: string) {
      this.loadedFile = path;
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      this.focused++;
    }
    show() {}
  }
  return { state, FakeWindow };
});

vi.mock('electron', () => {
  const { state, FakeWindow } = fake;
  return {
    app: {
      on: (name: string, listener: Listener) => {
        state.appListeners.set(name, [...(state.appListeners.get(name) ?? []), listener]);
      },
      requestSingleInstanceLock: () => state.locked,
      quit: state.quit,
      get isPackaged() {
        return state.isPackaged;
      },
      getAppPath: () => '/repo',
      getPath: (name: string) => `/home/ana/.config-${name}`,
      getVersion: () => '0.1.0',
      whenReady: () => Promise.resolve(),
      isReady: () => true,
      addRecentDocument: state.addRecentDocument,
    },
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: state.showErrorBox,
      showMessageBox: state.showMessageBox,
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(),
    },
    ipcMain: {
      handle: (channel: string, handler: Listener) => state.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => state.menus.push(menu),
    },
    nativeTheme: { shouldUseDarkColors: false },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (listener: Listener) => (state.headersListener = listener) },
        setPermissionRequestHandler: (handler: Listener) => (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (state.permissionCheck = handler),
        setDevicePermissionHandler: () => undefined,
      },
    },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
  };
});

const MAIN_DIR = join('/opt/faultline', 'out', 'main');
const INDEX_HTML = join('/opt/faultline', 'out', 'renderer', 'index.html');

function docInfo(overrides: Partial<DocumentInfo> = {}): DocumentInfo {
  return {
    path: '/home/ana/.config-userData/sample-cmdb.faultline',
    title: 'sample-cmdb.faultline',
    ciCount: 200,
    relationshipCount: 600,
    recordCounts: {},
    actor: 'ana',
    schemaVersion: 1,
    canUndo: false,
    canRedo: false,
    undoLabel: null,
    redoLabel: null,
    recent: [],
    warnings: [],
    revision: 1,
    ...overrides,
  };
}

function fakeService() {
  let info = docInfo();
  const listeners = new Set<(info: DocumentInfo) => void>();
  const service = {
    dispatch: vi.fn(async (_name: string, _input: unknown): Promise<ApiResult> => ({ ok: true, value: info })),
    documentInfo: () => info,
    allowChosenPath: vi.fn(),
    onChange: (listener: (info: DocumentInfo) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: vi.fn(async () => undefined),
  } satisfies ServiceLike;
  const change = (next: Partial<DocumentInfo>) => {
    info = { ...info, ...next };
    for (const listener of listeners) listener(info);
  };
  return { service, change };
}

function emit(name: string, ...args: unknown[]): void {
  for (const listener of fake.state.appListeners.get(name) ?? []) listener(...args);
}

async function start(options: { argv?: string[]; env?: Record<string, string>; startService?: (o: StartServiceOptions) => Promise<ServiceLike> } = {}) {
  const { service, change } = fakeService();
  const startService = vi.fn(options.startService ?? (async (_options: StartServiceOptions) => service));
  const running = runFaultlineApp({
    startService,
    mainDir: MAIN_DIR,
    argv: options.argv ?? ['/usr/bin/faultline'],
    cwd: '/home/ana',
    env: options.env ?? {},
    platform: 'linux',
    resourcesPath: '/opt/faultline/resources',
    warn: vi.fn(),
  });
  await running.ready;
  return { running, service, change, startService, window: fake.state.windows[0] };
}

beforeEach(() => {
  const { state } = fake;
  state.appListeners.clear();
  state.windows.length = 0;
  state.ipcHandlers.clear();
  state.locked = true;
  state.isPackaged = false;
  state.headersListener = null;
  state.permissionRequest = null;
  state.permissionCheck = null;
  state.menus.length = 0;
  state.quit.mockClear();
  state.showErrorBox.mockClear();
  state.showMessageBox.mockClear();
  state.addRecentDocument.mockClear();
});

describe('single instance', () => {
  it('a second instance quits at once: no window, no IPC, no service', async () => {
    fake.state.locked = false;
    const { running, startService } = await start({ argv: ['/usr/bin/faultline', 'x.faultline'] });
    expect(running.primary).toBe(false);
    expect(fake.state.quit).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.ipcHandlers.size).toBe(0);
    expect(startService).not.toHaveBeenCalled();
  });

  it('the first instance focuses its window and opens the file a second instance was given', async () => {
    const { service, window } = await start();
    emit('second-instance', {}, ['/usr/bin/faultline', '--flag', 'plant.faultline'], '/srv/cmdbs');
    await vi.waitFor(() => expect(window?.webContents.send).toHaveBeenCalledWith('faultline:menu', 'doc.open'));
    expect(window?.focused).toBe(1);
    expect(service.dispatch).toHaveBeenCalledWith('doc.open', { path: join('/srv/cmdbs', 'plant.faultline') });
  });
});

describe('files arriving early', () => {
  it('a file from a second instance or the OS while the service is still opening is opened once it is up', async () => {
    const { service } = fakeService();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const startService = vi.fn(async (_options: StartServiceOptions) => {
      await gate;
      return service;
    });
    const running = runFaultlineApp({ startService, mainDir: MAIN_DIR, argv: ['faultline'], cwd: '/', env: {}, platform: 'linux', resourcesPath: '/r', warn: vi.fn() });
    await vi.waitFor(() => expect(startService).toHaveBeenCalled());
    emit('second-instance', {}, ['faultline', '/srv/late.faultline'], '/');
    release();
    await running.ready;
    expect(service.dispatch).toHaveBeenCalledWith('doc.open', { path: '/srv/late.faultline' });
  });

  it('macOS open-file before ready becomes the document the service opens', async () => {
    const { service } = fakeService();
    const startService = vi.fn(async (_options: StartServiceOptions) => service);
    let ready: () => void = () => undefined;
    const whenReady = new Promise<void>((resolve) => (ready = resolve));
    const electron = await import('electron');
    const spy = vi.spyOn(electron.app, 'whenReady').mockReturnValueOnce(whenReady);
    const running = runFaultlineApp({ startService, mainDir: MAIN_DIR, argv: ['faultline'], cwd: '/', env: {}, platform: 'darwin', resourcesPath: '/r', warn: vi.fn() });
    const preventDefault = vi.fn();
    emit('open-file', { preventDefault }, '/Users/ana/plant.faultline');
    expect(preventDefault).toHaveBeenCalled();
    ready();
    await running.ready;
    expect(startService.mock.calls[0]?.[0]).toMatchObject({ documentPath: '/Users/ana/plant.faultline' });
    spy.mockRestore();
  });
});

describe('startup', () => {
  it('starts the service in the user data folder with the sample from the repo in dev', async () => {
    const { startService } = await start();
    expect(startService).toHaveBeenCalledTimes(1);
    const options = startService.mock.calls[0]?.[0];
    expect(options).toMatchObject({
      dataDir: '/home/ana/.config-userData',
      sampleSource: join('/repo', 'resources', 'sample-cmdb.faultline'),
    });
    expect(typeof options?.actor).toBe('string');
    expect(options?.actor.length).toBeGreaterThan(0);
    expect(options).not.toHaveProperty('documentPath');
  });

  it('creates one secure window that loads out/renderer/index.html with the preload beside it', async () => {
    const { window } = await start();
    expect(fake.state.windows).toHaveLength(1);
    expect(window?.options).toMatchObject({
      webPreferences: {
        preload: join('/opt/faultline', 'out', 'preload', 'index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
    expect(window?.loadedFile).toBe(INDEX_HTML);
    expect(window?.loadedUrl).toBeNull();
  });

  it('installs the CSP header and denies permissions on the default session', async () => {
    await start();
    const callback = vi.fn();
    fake.state.headersListener?.({ responseHeaders: {} }, callback);
    const headers = (callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self';");
    const granted = vi.fn();
    fake.state.permissionRequest?.(null, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(fake.state.permissionCheck?.(null, 'notifications', 'file://')).toBe(false);
  });

  it('hardens every web contents the app creates', async () => {
    await start();
    const events: string[] = [];
    const setWindowOpenHandler = vi.fn();
    emit('web-contents-created', {}, { on: (name: string) => events.push(name), setWindowOpenHandler });
    expect(events).toEqual(expect.arrayContaining(['will-navigate', 'will-attach-webview']));
    expect(setWindowOpenHandler).toHaveBeenCalled();
  });

  it('opens a .faultline named on the command line', async () => {
    const { startService } = await start({ argv: ['/usr/bin/faultline', 'plant.faultline'] });
    expect(startService.mock.calls[0]?.[0]).toMatchObject({ documentPath: join('/home/ana', 'plant.faultline') });
  });

  it('when that file cannot be opened, says so and opens the usual document', async () => {
    const { service } = fakeService();
    const startService = async (options: StartServiceOptions) => {
      if (options.documentPath) throw new Error('Not a Faultline CMDB');
      return service;
    };
    const { window } = await start({ argv: ['/usr/bin/faultline', 'broken.faultline'], startService });
    expect(fake.state.showErrorBox).toHaveBeenCalledWith(`Could not open ${join('/home/ana', 'broken.faultline')}`, 'Not a Faultline CMDB');
    expect(window?.title).toBe('sample-cmdb.faultline — Faultline');
  });

  it('when the service cannot start at all, says so and quits', async () => {
    await start({ startService: async () => Promise.reject(new Error('locked by another process')) });
    expect(fake.state.showErrorBox).toHaveBeenCalledWith('Faultline could not open its CMDB', 'locked by another process');
    expect(fake.state.quit).toHaveBeenCalled();
  });

  it('in dev, loads the electron-vite dev server and admits its websocket', async () => {
    const { window } = await start({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } });
    expect(window?.loadedUrl).toBe('http://localhost:5173/');
    const callback = vi.fn();
    fake.state.headersListener?.({ responseHeaders: {} }, callback);
    const headers = (callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['Content-Security-Policy']?.[0]).toContain("connect-src 'self' ws://localhost:5173");
  });

  it('a packaged app ignores ELECTRON_RENDERER_URL and takes the sample from resourcesPath', async () => {
    fake.state.isPackaged = true;
    const { window, startService } = await start({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } });
    expect(window?.loadedFile).toBe(INDEX_HTML);
    expect(startService.mock.calls[0]?.[0].sampleSource).toBe(join('/opt/faultline/resources', 'sample-cmdb.faultline'));
  });
});

describe('IPC through the app', () => {
  it('registers one handler per operation; the app page is served, another page refused', async () => {
    const { service } = await start();
    expect(fake.state.ipcHandlers.size).toBe(OPERATION_NAMES.length);
    const handler = fake.state.ipcHandlers.get('faultline:op:doc.info');
    const fromApp = await handler?.({ senderFrame: { url: pathToFileURL(INDEX_HTML).href, parent: null } }, {});
    expect(fromApp).toMatchObject({ ok: true });
    expect(service.dispatch).toHaveBeenCalledTimes(1);
    const fromElsewhere = await handler?.({ senderFrame: { url: 'file:///tmp/evil.html', parent: null } }, {});
    expect(fromElsewhere).toMatchObject({ ok: false });
    // The payload goes to dispatch as sent: the service validates it (test/unit/node/service/dispatch.test.ts).
    await fake.state.ipcHandlers.get('faultline:op:ci.get')?.({ senderFrame: { url: pathToFileURL(INDEX_HTML).href, parent: null } }, { id: '../../etc' });
    expect(service.dispatch).toHaveBeenCalledTimes(2);
    expect(service.dispatch).toHaveBeenLastCalledWith('ci.get', { id: '../../etc' });
  });
});

describe('title and menu', () => {
  it('the title follows the open document; the menu is rebuilt when the recent list changes', async () => {
    const { window, change } = await start();
    expect(window?.title).toBe('sample-cmdb.faultline — Faultline');
    const menusBefore = fake.state.menus.length;
    change({ revision: 2 });
    expect(fake.state.menus.length).toBe(menusBefore);
    change({ path: '/data/plant.faultline', title: 'plant.faultline', recent: ['/data/plant.faultline'] });
    expect(window?.title).toBe('plant.faultline — Faultline');
    expect(fake.state.menus.length).toBe(menusBefore + 1);
    expect(fake.state.addRecentDocument).toHaveBeenCalledWith('/data/plant.faultline');
    // The page's own <title> may not override it.
    const preventDefault = vi.fn();
    window?.listeners.get('page-title-updated')?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });
});

describe('shutdown', () => {
  it('will-quit waits for the service to close, then quits', async () => {
    const { service } = await start();
    const preventDefault = vi.fn();
    emit('will-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.state.quit).toHaveBeenCalled());
    expect(service.close).toHaveBeenCalledTimes(1);
    const second = vi.fn();
    emit('will-quit', { preventDefault: second });
    expect(second).not.toHaveBeenCalled();
  });

  it('closing the last window quits on Linux', async () => {
    await start();
    emit('window-all-closed');
    expect(fake.state.quit).toHaveBeenCalled();
  });
});
