import type { BrowserWindow, Dialog } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { ApiResult, DocumentInfo } from '../../../src/shared/operations';
import { createDocumentCommands, windowTitle } from '../../../electron/main/documents';

const INFO: DocumentInfo = {
  path: '/data/shop.faultline',
  title: 'shop.faultline',
  ciCount: 3,
  relationshipCount: 2,
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
};

function setup(options: { save?: string | null; open?: string | null; result?: ApiResult } = {}) {
  const dispatch = vi.fn(async (_name: string, _input: unknown): Promise<ApiResult> => options.result ?? { ok: true, value: INFO });
  const dialog = {
    showSaveDialog: vi.fn(async () => ({ canceled: options.save == null, filePath: options.save ?? '' })),
    showOpenDialog: vi.fn(async () => ({ canceled: options.open == null, filePaths: options.open ? [options.open] : [] })),
    showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
  };
  const send = vi.fn();
  const allowChosenPath = vi.fn();
  const win = {} as BrowserWindow;
  const commands = createDocumentCommands({
    dialog: dialog as unknown as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>,
    service: async () => ({ dispatch, documentInfo: () => INFO, allowChosenPath }),
    window: () => win,
    send,
    defaultDir: () => '/home/ana/Documents',
  });
  return { commands, dispatch, dialog, send, allowChosenPath };
}

describe('window title', () => {
  it('is "<file> — Faultline"', () => {
    expect(windowTitle(INFO)).toBe('shop.faultline — Faultline');
    expect(windowTitle({ title: '', path: '/x/y.faultline' })).toBe('y.faultline — Faultline');
    expect(windowTitle(null)).toBe('Faultline');
  });
});

describe('document commands', () => {
  it('New: save dialog filtered to *.faultline, then doc.new with the extension added, then tells the renderer', async () => {
    const { commands, dispatch, dialog, send } = setup({ save: '/data/new-cmdb' });
    await commands.newDocument();
    const [, options] = dialog.showSaveDialog.mock.calls[0] as unknown as [unknown, { filters: unknown; defaultPath: string }];
    expect(options.filters).toEqual([{ name: 'Faultline CMDB', extensions: ['faultline'] }]);
    expect(options.defaultPath).toBe('/data/Untitled.faultline');
    expect(dispatch).toHaveBeenCalledWith('doc.new', { path: '/data/new-cmdb.faultline' });
    expect(send).toHaveBeenCalledWith('doc.new');
  });

  it('Open: open dialog, doc.open, refetch', async () => {
    const { commands, dispatch, send } = setup({ open: '/data/other.faultline' });
    await commands.openDocument();
    expect(dispatch).toHaveBeenCalledWith('doc.open', { path: '/data/other.faultline' });
    expect(send).toHaveBeenCalledWith('doc.open');
  });

  it('Save a copy: save dialog, doc.saveCopy', async () => {
    const { commands, dispatch, send, dialog } = setup({ save: '/backup/copy.faultline' });
    await commands.saveCopy();
    const [, options] = dialog.showSaveDialog.mock.calls[0] as unknown as [unknown, { defaultPath: string }];
    expect(options.defaultPath).toBe('/data/shop copy.faultline');
    expect(dispatch).toHaveBeenCalledWith('doc.saveCopy', { path: '/backup/copy.faultline' });
    expect(send).toHaveBeenCalledWith('doc.saveCopy');
  });

  it('Open recent: doc.open on that path, and doc.openRecent:<path> to the renderer', async () => {
    const { commands, dispatch, send, dialog } = setup();
    await commands.openRecent('/data/old.faultline');
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(dispatch).toHaveBeenCalledWith('doc.open', { path: '/data/old.faultline' });
    expect(send).toHaveBeenCalledWith('doc.openRecent:/data/old.faultline');
  });

  it('tells the service which paths the user chose in a dialog or the OS handed over, and no others', async () => {
    const open = setup({ open: '/home/ana/notes.csv' });
    await open.commands.openDocument();
    expect(open.allowChosenPath).toHaveBeenCalledWith('/home/ana/notes.csv');
    await open.commands.openPath('/home/ana/from-finder.faultline');
    expect(open.allowChosenPath).toHaveBeenCalledWith('/home/ana/from-finder.faultline');
    const saved = setup({ save: '/backup/copy' });
    await saved.commands.saveCopy();
    await saved.commands.newDocument();
    expect(saved.allowChosenPath.mock.calls).toEqual([['/backup/copy.faultline'], ['/backup/copy.faultline']]);
    // A recent entry is already known to the service.
    const recent = setup();
    await recent.commands.openRecent('/data/old.faultline');
    expect(recent.allowChosenPath).not.toHaveBeenCalled();
  });

  it('a cancelled dialog does nothing', async () => {
    const { commands, dispatch, send } = setup();
    await commands.newDocument();
    await commands.openDocument();
    await commands.saveCopy();
    expect(dispatch).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
  });

  it('a failure is shown to the user and the renderer is not told to refetch', async () => {
    const { commands, dialog, send } = setup({
      open: '/data/broken.faultline',
      result: { ok: false, error: { code: 'io_error', message: 'moved aside to broken.faultline.corrupt-1' } },
    });
    await commands.openDocument();
    expect(send).not.toHaveBeenCalled();
    const [, box] = dialog.showMessageBox.mock.calls[0] as unknown as [unknown, { type: string; message: string; detail: string }];
    expect(box).toMatchObject({ type: 'error', message: 'Could not open broken.faultline', detail: 'moved aside to broken.faultline.corrupt-1' });
  });
});
