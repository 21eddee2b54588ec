// The preload: exposes exactly one object, `window.faultline`, to the sandboxed renderer.
// It never exposes ipcRenderer, the IPC event, or any Node API. Bundled as CommonJS
// (out/preload/index.cjs); it may import 'electron' and the zod-free name list only.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiResult } from '../../src/shared/operations';
import { MENU_CHANNEL, operationChannel, type MenuCommand } from '../common/channels';
import { isPreloadOperationName } from '../common/operation-names';

export interface FaultlinePreloadApi {
  call(name: string, input: unknown): Promise<ApiResult>;
  readonly platform: string;
  /** Subscribes to native-menu commands; returns the unsubscribe function. */
  onMenu(callback: (command: MenuCommand) => void): () => void;
}

const api: FaultlinePreloadApi = {
  call(name, input) {
    if (!isPreloadOperationName(name)) {
      const result: ApiResult = {
        ok: false,
        error: { code: 'unknown_operation', message: `Unknown operation: ${String(name)}` },
      };
      return Promise.resolve(result);
    }
    return ipcRenderer.invoke(operationChannel(name), input) as Promise<ApiResult>;
  },
  platform: process.platform,
  onMenu(callback) {
    if (typeof callback !== 'function') throw new TypeError('onMenu expects a function');
    // The event is dropped on purpose: it carries `sender` (ipcRenderer), which must not reach the page.
    const listener = (_event: IpcRendererEvent, command: unknown): void => {
      if (typeof command === 'string') callback(command as MenuCommand);
    };
    ipcRenderer.on(MENU_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('faultline', api);
