// IPC channel names shared by the main process and the preload (both bundle this file).
// No imports: the sandboxed preload may only require 'electron'.

/** One invoke channel per operation: `faultline:op:<operationName>`. */
export const OPERATION_CHANNEL_PREFIX = 'faultline:op:';

/** Main → renderer: a menu command (see MenuCommand). */
export const MENU_CHANNEL = 'faultline:menu';

export function operationChannel(name: string): string {
  return `${OPERATION_CHANNEL_PREFIX}${name}`;
}

/**
 * Commands the native menu sends to the renderer over MENU_CHANNEL.
 * The doc.* commands are sent after the main process has already performed the document
 * operation on the service (through a native dialog): the renderer only refetches.
 * undo / redo / search / fit ask the renderer to act (it calls history.undo etc. itself).
 * data.import / data.export / data.snapshots open the renderer's data dialogs (File menu).
 */
export type MenuCommand =
  | 'doc.new'
  | 'doc.open'
  | 'doc.saveCopy'
  | `doc.openRecent:${string}`
  | 'undo'
  | 'redo'
  | 'search'
  | 'fit'
  | 'data.import'
  | 'data.export'
  | 'data.snapshots';
