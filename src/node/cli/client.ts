// The command line's way into a document: the service, opened on one file in 'command' mode,
// and an in-process client over its dispatch — the same operation table, validation and
// errors as IPC and HTTP. A command only parses its arguments and formats what comes back.
import { resolve } from 'node:path';
import { currentActor, startFaultlineService, type FaultlineService } from '../service';
import { resolveDataDir } from '../paths';
import type { FaultlineApi, OperationInput, OperationName, OperationOutput } from '../../shared/operations';
import { CliError, type CliIo } from './types';

/** A call that failed: the message is what the service said (exit code 1). */
export class OperationFailed extends CliError {
  readonly code: string;
  readonly issues?: { path: string; message: string }[];
  constructor(code: string, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.code = code;
    if (issues) this.issues = issues;
  }
}

/** The in-process client: call(name, input) resolves to the operation's value or throws OperationFailed. */
export function inProcessClient(service: Pick<FaultlineService, 'dispatch'>): FaultlineApi {
  return {
    async call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
      const result = await service.dispatch(name, input);
      if (!result.ok) throw new OperationFailed(result.error.code, result.error.message, result.error.issues);
      return result.value as OperationOutput<N>;
    },
  };
}

export interface ClientOptions {
  /**
   * true for a command that only reads: no lock is taken and nothing is written, so it works
   * on read-only media and while the app has the document open (it sees every saved edit).
   * false: the document's lock is held for the command, so no other process writes it meanwhile.
   */
  readOnly: boolean;
}

/**
 * Opens the document at `dbPath` for the length of `use` and closes it after. What opening it
 * raised (an unfinished journal tail, a recovered journal, a migration) is printed on stderr.
 * Edits are recorded as the display name set in the app's settings, else the OS user.
 */
export async function withClient<T>(dbPath: string, io: CliIo, options: ClientOptions, use: (client: FaultlineApi) => Promise<T>): Promise<T> {
  let service: FaultlineService;
  try {
    service = await startFaultlineService({
      dataDir: resolveDataDir(),
      documentPath: resolve(dbPath),
      actor: currentActor(),
      mode: 'command',
      readOnly: options.readOnly,
      log: () => undefined,
    });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  for (const warning of service.documentInfo().warnings) io.stderr(`faultline: warning: ${warning}\n`);
  try {
    return await use(inProcessClient(service));
  } finally {
    await service.close();
  }
}
