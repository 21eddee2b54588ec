// The native menu as a template (a plain array the tests read); index wires it to Menu.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../common/channels';

export interface MenuActions {
  newDocument(): void;
  openDocument(): void;
  saveCopy(): void;
  openRecent(path: string): void;
  /** Sends a command to the renderer over `faultline:menu`. */
  send(command: MenuCommand): void;
  about(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Reload and developer tools only in dev. */
  isDev: boolean;
  appName: string;
  /** DocumentInfo.recent, most recent first. */
  recent: readonly string[];
  actions: MenuActions;
}

export const MAX_RECENT_ITEMS = 10;

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions, platform, isDev } = options;
  const isMac = platform === 'darwin';

  const recentItems: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : options.recent.slice(0, MAX_RECENT_ITEMS).map((path) => ({ label: path, click: () => actions.openRecent(path) }));

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New CMDB…', accelerator: 'CmdOrCtrl+N', click: () => actions.newDocument() },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openDocument() },
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      { label: 'Save a Copy As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveCopy() },
      { type: 'separator' },
      // The renderer opens these dialogs itself (the same commands as its own Data menu).
      // No accelerators: Ctrl+I is the renderer's impact shortcut, Ctrl+Shift+I the dev tools.
      { label: 'Import…', click: () => actions.send('data.import') },
      { label: 'Export…', click: () => actions.send('data.export') },
      { label: 'Snapshots and History…', click: () => actions.send('data.snapshots') },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => actions.send('undo') },
      { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: () => actions.send('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Find…', accelerator: 'CmdOrCtrl+K', click: () => actions.send('search') },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Fit Graph', accelerator: 'CmdOrCtrl+Shift+F', click: () => actions.send('fit') },
      { type: 'separator' },
      ...(isDev ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: `About ${options.appName}`, click: () => actions.about() }],
  };

  const template: MenuItemConstructorOptions[] = [file, edit, view];
  if (isMac) {
    template.unshift({ label: options.appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit', label: `Quit ${options.appName}` }] });
    template.push({ role: 'windowMenu' });
  }
  template.push(help);
  return template;
}
