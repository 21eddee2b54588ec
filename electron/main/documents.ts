// File › New / Open / Open Recent / Save a Copy As: a native dialog, then the doc.* operation on
// the service directly, then a menu command telling the renderer to refetch. Also the window title.
import type { BrowserWindow, Dialog, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { basename, join } from 'node:path';
import type { ApiResult, DocumentInfo } from '../../src/shared/operations';
import type { MenuCommand } from '../common/channels';
import { withDocumentExtension } from './paths';
import { errorMessage, type ServiceLike } from './service-types';

export const APP_NAME = 'Faultline';
export const DOCUMENT_FILTERS = [{ name: 'Faultline CMDB', extensions: ['faultline'] }];

/** `<file> — Faultline`, or just the app name before a document is open. */
export function windowTitle(info: Pick<DocumentInfo, 'title' | 'path'> | null): string {
  if (!info) return APP_NAME;
  const name = info.title || (info.path ? basename(info.path) : '');
  return name ? `${name} — ${APP_NAME}` : APP_NAME;
}

type DialogApi = Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;

export interface DocumentCommandDeps {
  dialog: DialogApi;
  service(): Promise<Pick<ServiceLike, 'dispatch' | 'documentInfo' | 'allowChosenPath'>>;
  window(): BrowserWindow | null;
  send(command: MenuCommand): void;
  /** Where dialogs start when no document is open (app.getPath('documents')). */
  defaultDir(): string;
}

export interface DocumentCommands {
  newDocument(): Promise<void>;
  openDocument(): Promise<void>;
  saveCopy(): Promise<void>;
  openRecent(path: string): Promise<void>;
  /** Opens a file named on the command line, by a second instance or by the OS (open-file). */
  openPath(path: string): Promise<void>;
}

export function createDocumentCommands(deps: DocumentCommandDeps): DocumentCommands {
  const showOpen = (options: OpenDialogOptions) => {
    const win = deps.window();
    return win ? deps.dialog.showOpenDialog(win, options) : deps.dialog.showOpenDialog(options);
  };
  const showSave = (options: SaveDialogOptions) => {
    const win = deps.window();
    return win ? deps.dialog.showSaveDialog(win, options) : deps.dialog.showSaveDialog(options);
  };
  const showError = async (message: string, detail: string) => {
    const options: MessageBoxOptions = { type: 'error', title: APP_NAME, message, detail, buttons: ['OK'] };
    const win = deps.window();
    await (win ? deps.dialog.showMessageBox(win, options) : deps.dialog.showMessageBox(options));
  };
  const currentName = async () => {
    try {
      const info = (await deps.service()).documentInfo();
      return info.path ? basename(info.path).replace(/\.faultline$/i, '') : 'CMDB';
    } catch {
      return 'CMDB';
    }
  };
  const currentDir = async () => {
    try {
      const info = (await deps.service()).documentInfo();
      return info.path ? join(info.path, '..') : deps.defaultDir();
    } catch {
      return deps.defaultDir();
    }
  };

  /**
   * Runs one doc.* operation; on success tells the renderer, on failure tells the user. A path
   * the user chose here (a dialog, the command line, the OS) is one the service may open even
   * when it is not a .faultline file; paths from the renderer get no such pass.
   */
  const run = async (operation: 'doc.new' | 'doc.open' | 'doc.saveCopy', path: string, failure: string, command: MenuCommand, chosen = true) => {
    let result: ApiResult;
    try {
      const service = await deps.service();
      if (chosen) service.allowChosenPath(path);
      result = await service.dispatch(operation, { path });
    } catch (error) {
      result = { ok: false, error: { code: 'internal', message: errorMessage(error) } };
    }
    if (result.ok) deps.send(command);
    else await showError(failure, result.error.message);
  };

  const openPath = (path: string) => run('doc.open', path, `Could not open ${basename(path)}`, 'doc.open');

  return {
    async newDocument() {
      const choice = await showSave({
        title: 'New CMDB',
        buttonLabel: 'Create',
        defaultPath: join(await currentDir(), 'Untitled.faultline'),
        filters: DOCUMENT_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (choice.canceled || !choice.filePath) return;
      const path = withDocumentExtension(choice.filePath);
      await run('doc.new', path, `Could not create ${basename(path)}`, 'doc.new');
    },
    async openDocument() {
      const choice = await showOpen({
        title: 'Open CMDB',
        defaultPath: await currentDir(),
        filters: DOCUMENT_FILTERS,
        properties: ['openFile'],
      });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return;
      await openPath(path);
    },
    async saveCopy() {
      const choice = await showSave({
        title: 'Save a Copy As',
        defaultPath: join(await currentDir(), `${await currentName()} copy.faultline`),
        filters: DOCUMENT_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (choice.canceled || !choice.filePath) return;
      const path = withDocumentExtension(choice.filePath);
      await run('doc.saveCopy', path, `Could not save a copy as ${basename(path)}`, 'doc.saveCopy');
    },
    async openRecent(path) {
      await run('doc.open', path, `Could not open ${basename(path)}`, `doc.openRecent:${path}`, false);
    },
    openPath,
  };
}
