import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, MAX_RECENT_ITEMS, type MenuActions } from '../../../electron/main/menu';

function actions() {
  return {
    newDocument: vi.fn<MenuActions['newDocument']>(),
    openDocument: vi.fn<MenuActions['openDocument']>(),
    saveCopy: vi.fn<MenuActions['saveCopy']>(),
    openRecent: vi.fn<MenuActions['openRecent']>(),
    send: vi.fn<MenuActions['send']>(),
    about: vi.fn<MenuActions['about']>(),
  } satisfies MenuActions;
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function byLabel(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = flatten(items).find((candidate) => candidate.label === label);
  if (!item) throw new Error(`no menu item ${label}`);
  return item;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as unknown as () => void)();
}

describe('menu template', () => {
  it('has the File / Edit / View / Help shortcuts', () => {
    const template = buildMenuTemplate({ platform: 'linux', isDev: false, appName: 'Faultline', recent: [], actions: actions() });
    const accelerators = Object.fromEntries(
      flatten(template)
        .filter((item) => item.label && item.accelerator)
        .map((item) => [item.label, item.accelerator]),
    );
    expect(accelerators).toMatchObject({
      'New CMDB…': 'CmdOrCtrl+N',
      'Open…': 'CmdOrCtrl+O',
      'Save a Copy As…': 'CmdOrCtrl+Shift+S',
      Undo: 'CmdOrCtrl+Z',
      Redo: 'CmdOrCtrl+Shift+Z',
      'Find…': 'CmdOrCtrl+K',
    });
    expect(template.map((item) => item.label ?? item.role)).toEqual(['&File', '&Edit', '&View', 'help']);
    const roles = flatten(template).map((item) => item.role);
    expect(roles).toEqual(expect.arrayContaining(['quit', 'cut', 'copy', 'paste', 'selectAll', 'togglefullscreen']));
  });

  it('New / Open / Save a copy run the dialog actions; the rest go to the renderer as commands', () => {
    const a = actions();
    const template = buildMenuTemplate({ platform: 'linux', isDev: false, appName: 'Faultline', recent: [], actions: a });
    click(byLabel(template, 'New CMDB…'));
    click(byLabel(template, 'Open…'));
    click(byLabel(template, 'Save a Copy As…'));
    expect(a.newDocument).toHaveBeenCalledTimes(1);
    expect(a.openDocument).toHaveBeenCalledTimes(1);
    expect(a.saveCopy).toHaveBeenCalledTimes(1);
    for (const label of ['Undo', 'Redo', 'Find…', 'Fit Graph']) click(byLabel(template, label));
    expect(a.send.mock.calls.map((call) => call[0])).toEqual(['undo', 'redo', 'search', 'fit']);
    click(byLabel(template, 'About Faultline'));
    expect(a.about).toHaveBeenCalled();
  });

  it('File has Import…, Export… and Snapshots and History…, sent as the data commands the renderer Data menu runs', () => {
    const a = actions();
    const template = buildMenuTemplate({ platform: 'linux', isDev: false, appName: 'Faultline', recent: [], actions: a });
    const fileLabels = (template[0]?.submenu as MenuItemConstructorOptions[]).map((item) => item.label ?? item.type ?? item.role);
    expect(fileLabels.slice(fileLabels.indexOf('Save a Copy As…') + 1, fileLabels.indexOf('Quit'))).toEqual([
      'separator',
      'Import…',
      'Export…',
      'Snapshots and History…',
      'separator',
    ]);
    for (const label of ['Import…', 'Export…', 'Snapshots and History…']) click(byLabel(template, label));
    expect(a.send.mock.calls.map((call) => call[0])).toEqual(['data.import', 'data.export', 'data.snapshots']);
    // macOS keeps them in File too (Quit lives in the app menu there).
    const mac = buildMenuTemplate({ platform: 'darwin', isDev: false, appName: 'Faultline', recent: [], actions: actions() });
    const macFile = mac.find((item) => item.label === '&File')!.submenu as MenuItemConstructorOptions[];
    expect(macFile.map((item) => item.label)).toEqual(expect.arrayContaining(['Import…', 'Export…', 'Snapshots and History…']));
  });

  it('Open Recent lists the recent files (capped) and opens the chosen one', () => {
    const a = actions();
    const recent = Array.from({ length: 14 }, (_, i) => `/data/cmdb-${i}.faultline`);
    const template = buildMenuTemplate({ platform: 'linux', isDev: false, appName: 'Faultline', recent, actions: a });
    const submenu = byLabel(template, 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(submenu.map((item) => item.label)).toEqual(recent.slice(0, MAX_RECENT_ITEMS));
    click(submenu[2] as MenuItemConstructorOptions);
    expect(a.openRecent).toHaveBeenCalledWith('/data/cmdb-2.faultline');

    const empty = buildMenuTemplate({ platform: 'linux', isDev: false, appName: 'Faultline', recent: [], actions: a });
    expect(byLabel(empty, 'Open Recent').submenu).toEqual([{ label: 'No Recent Files', enabled: false }]);
  });

  it('reload and developer tools only in dev', () => {
    const roles = (isDev: boolean) =>
      flatten(buildMenuTemplate({ platform: 'linux', isDev, appName: 'Faultline', recent: [], actions: actions() })).map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('macOS gets the app menu (with Quit) and a Window menu', () => {
    const template = buildMenuTemplate({ platform: 'darwin', isDev: false, appName: 'Faultline', recent: [], actions: actions() });
    expect(template[0]?.label).toBe('Faultline');
    expect((template[0]?.submenu as MenuItemConstructorOptions[]).map((item) => item.role)).toContain('quit');
    expect(template.map((item) => item.role)).toContain('windowMenu');
  });
});
