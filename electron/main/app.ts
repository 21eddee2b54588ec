// The Electron app: single-instance lock, session security, IPC, the window, the menu, the
// service's lifetime. index.ts calls runFaultlineApp with the real service; the tests call it
// with `vi.mock('electron')` and a fake service.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, session, shell } from 'electron';
import { userInfo } from 'node:os';
import type { DocumentInfo } from '../../src/shared/operations';
import { MENU_CHANNEL, type MenuCommand } from '../common/channels';
import { APP_NAME, createDocumentCommands, windowTitle } from './documents';
import { registerOperationHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { devRendererUrl, fileArgFromArgv, resolveAppPaths } from './paths';
import {
  buildWindowOptions,
  contentSecurityPolicy,
  hardenWebContents,
  installContentSecurityPolicy,
  installPermissionHandlers,
  isTrustedSender,
} from './security';
import { errorMessage, type ServiceLike, type StartService } from './service-types';

export interface RunOptions {
  startService: StartService;
  /** Directory of the built main bundle (out/main). */
  mainDir: string;
  argv?: readonly string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  /** process.resourcesPath (where extraResources land when packaged). */
  resourcesPath?: string;
  /** Where refused IPC calls are reported; console.warn by default. */
  warn?: (message: string) => void;
}

export interface RunningApp {
  /** False when another instance holds the lock (this one quits and hands its file over). */
  primary: boolean;
  /** Resolves once the window exists and the service is open (or failed to open). */
  ready: Promise<void>;
}

function currentUser(env: Record<string, string | undefined>): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}

export function runFaultlineApp(options: RunOptions): RunningApp {
  const argv = options.argv ?? process.argv;
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const warn = options.warn ?? ((message: string) => console.warn(message));

  // The file named on the command line travels to the first instance in argv ('second-instance').
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false, ready: Promise.resolve() };
  }

  const devUrl = devRendererUrl(env, app.isPackaged);
  const paths = resolveAppPaths({
    mainDir: options.mainDir,
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: options.resourcesPath ?? process.resourcesPath,
    devUrl,
  });

  let mainWindow: BrowserWindow | null = null;
  let servicePromise: Promise<ServiceLike> | null = null;
  let service: ServiceLike | null = null;
  let pendingFile = fileArgFromArgv(argv, cwd);
  let info: DocumentInfo | null = null;
  let serviceClosed = false;

  const getService = (): Promise<ServiceLike> =>
    servicePromise ?? Promise.reject(new Error('The CMDB is not open yet.'));

  const send = (command: MenuCommand): void => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(MENU_CHANNEL, command);
  };

  const documents = createDocumentCommands({
    dialog,
    service: getService,
    window: () => mainWindow,
    send,
    defaultDir: () => app.getPath('documents'),
  });

  let menuKey: string | null = null;
  /** Title on every change; the menu only when its Open Recent list changed. */
  const refreshChrome = (): void => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.setTitle(windowTitle(info));
    const key = JSON.stringify(info?.recent ?? []);
    if (key === menuKey) return;
    menuKey = key;
    const template = buildMenuTemplate({
      platform,
      isDev: !app.isPackaged,
      appName: APP_NAME,
      recent: info?.recent ?? [],
      actions: {
        newDocument: () => void documents.newDocument(),
        openDocument: () => void documents.openDocument(),
        saveCopy: () => void documents.saveCopy(),
        openRecent: (path) => void documents.openRecent(path),
        send,
        about: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: `About ${APP_NAME}`,
            message: `${APP_NAME} ${app.getVersion()}`,
            detail: 'A desktop CMDB and change-impact analyzer.',
          }),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const createWindow = (): BrowserWindow => {
    const win = new BrowserWindow(
      buildWindowOptions({ preloadPath: paths.preload, darkBackground: nativeTheme.shouldUseDarkColors }),
    );
    mainWindow = win;
    win.setTitle(windowTitle(info));
    // The page's <title> must not replace "<file> — Faultline".
    win.on('page-title-updated', (event) => event.preventDefault());
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    const load = paths.renderer.kind === 'url' ? win.loadURL(paths.renderer.url) : win.loadFile(paths.renderer.path);
    load.catch((error: unknown) => dialog.showErrorBox(`${APP_NAME} could not load its window`, errorMessage(error)));
    return win;
  };

  const focusWindow = (): void => {
    if (!mainWindow) {
      if (app.isReady()) createWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  };

  const openService = async (): Promise<ServiceLike> => {
    const base = { dataDir: app.getPath('userData'), actor: currentUser(env), sampleSource: paths.sampleSource };
    const requested = pendingFile;
    pendingFile = null;
    if (requested) {
      try {
        return await options.startService({ ...base, documentPath: requested });
      } catch (error) {
        dialog.showErrorBox(`Could not open ${requested}`, errorMessage(error));
      }
    }
    return options.startService(base);
  };

  app.on('second-instance', (_event, secondArgv, workingDirectory) => {
    focusWindow();
    const file = fileArgFromArgv(secondArgv, workingDirectory);
    if (!file) return;
    if (service) void documents.openPath(file);
    else pendingFile = file; // opened once the service is up
  });

  // macOS: a .faultline double-clicked in Finder, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (service) {
      focusWindow();
      void documents.openPath(path);
    } else {
      pendingFile = path;
    }
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, paths.renderer, shell, platform));

  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && !mainWindow) createWindow();
  });

  // Close the store (journal flushed, lock released) before the process exits.
  app.on('will-quit', (event) => {
    if (serviceClosed || !servicePromise) return;
    event.preventDefault();
    serviceClosed = true;
    servicePromise
      .then((s) => s.close())
      .catch(() => undefined)
      .finally(() => app.quit());
  });

  const ready = app.whenReady().then(async () => {
    installContentSecurityPolicy(session.defaultSession, contentSecurityPolicy({ devServerUrl: devUrl }));
    installPermissionHandlers(session.defaultSession);
    registerOperationHandlers(ipcMain, {
      getService,
      isTrustedSender: (frame) => isTrustedSender(frame, paths.renderer, platform),
      onRefused: (name, reason) => warn(`[faultline] refused IPC ${name}: ${reason}`),
    });
    servicePromise = openService();
    refreshChrome();
    createWindow();
    try {
      service = await servicePromise;
    } catch (error) {
      dialog.showErrorBox(`${APP_NAME} could not open its CMDB`, errorMessage(error));
      serviceClosed = true;
      app.quit();
      return;
    }
    info = service.documentInfo();
    let lastPath = info.path;
    if (lastPath) app.addRecentDocument(lastPath);
    service.onChange((next) => {
      info = next;
      if (next.path && next.path !== lastPath) app.addRecentDocument(next.path);
      lastPath = next.path;
      refreshChrome();
    });
    refreshChrome();
    // A file that arrived (open-file) while the service was starting.
    const late = pendingFile;
    pendingFile = null;
    if (late) await documents.openPath(late);
  });

  return { primary: true, ready };
}
