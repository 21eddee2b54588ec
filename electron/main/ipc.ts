// One ipcMain.handle per operation of the contract table, on `faultline:op:<name>`. Each handler
// checks the sender frame and hands the payload to the service's dispatch, which validates it
// with the operation's zod schema (once, for every adapter). Every answer is an ApiResult;
// nothing throws across the boundary.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { OPERATION_NAMES, type ApiResult, type OperationName } from '../../src/shared/operations';
import { operationChannel } from '../common/channels';
import { errorMessage, type ServiceLike } from './service-types';
import type { SenderFrameLike } from './security';

export interface OperationHandlerDeps {
  /** The service; a promise so the window may load while the CMDB is still opening. */
  getService(): Promise<Pick<ServiceLike, 'dispatch'>>;
  isTrustedSender(frame: SenderFrameLike | null | undefined): boolean;
  /** Told about calls refused for their sender (a bug or an attack, worth a line in the log). */
  onRefused?(name: OperationName, reason: string): void;
}

/** Sender check, then dispatch: what one IPC call goes through. */
export async function handleOperationCall(
  name: OperationName,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  input: unknown,
  deps: OperationHandlerDeps,
): Promise<ApiResult> {
  let frame: SenderFrameLike | null;
  try {
    frame = event.senderFrame;
  } catch {
    frame = null; // the frame was destroyed or navigated away while the call was in flight
  }
  if (!deps.isTrustedSender(frame)) {
    deps.onRefused?.(name, `sender ${frame ? frame.url : '(gone)'} is not the Faultline window`);
    return { ok: false, error: { code: 'internal', message: 'Refused: the call did not come from the Faultline window.' } };
  }
  // The input is validated once, by the service's dispatch, as for HTTP and the CLI.
  try {
    const service = await deps.getService();
    return await service.dispatch(name, input);
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: errorMessage(error) } };
  }
}

/** Registers one handler per operation; returns a function that removes them all. */
export function registerOperationHandlers(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, deps: OperationHandlerDeps): () => void {
  const channels: string[] = [];
  for (const name of OPERATION_NAMES) {
    const channel = operationChannel(name);
    ipcMain.handle(channel, (event, input: unknown) => handleOperationCall(name, event, input, deps));
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
