// The object the Electron preload exposes through contextBridge (absent in browser mode).
import type { ApiResult } from '../../shared/operations';

export interface FaultlineBridge {
  call(name: string, input: unknown): Promise<ApiResult>;
  platform: string;
  /** Native menu commands: 'doc.new' | 'doc.open' | 'doc.saveCopy' | 'doc.openRecent:<path>' | 'undo' | 'redo' | 'search' | 'fit'. */
  onMenu(callback: (command: string) => void): (() => void) | void;
}

declare global {
  interface Window {
    faultline?: FaultlineBridge;
  }
}
