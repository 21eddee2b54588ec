// The slice of the service (src/node/service, FaultlineService) the main process uses, declared
// structurally so these modules and their tests do not depend on how the service is built.
import type { ApiResult, DocumentInfo } from '../../src/shared/operations';

export interface ServiceLike {
  dispatch(name: string, input: unknown): Promise<ApiResult>;
  documentInfo(): DocumentInfo;
  /** Lets doc.* use a path the user chose in a native dialog or that the OS handed over. */
  allowChosenPath(path: string): void;
  onChange(listener: (info: DocumentInfo) => void): () => void;
  close(): Promise<void>;
}

export interface StartServiceOptions {
  dataDir: string;
  documentPath?: string;
  actor: string;
  sampleSource?: string;
}

export type StartService = (options: StartServiceOptions) => Promise<ServiceLike>;

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
