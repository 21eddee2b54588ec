// What the `faultline change` subcommands share: finding a change by number or id, naming CIs,
// and turning a refusal of the service into a plain message.
import { CHANGE_NUMBER_PATTERN, type Change } from '../../../shared/changes';
import type { ChangeDetails, FaultlineApi } from '../../../shared/operations';
import { OperationFailed } from '../client';
import { CliError } from '../types';

/** The change `ref` names: its number (CHG0003, any case) or its id; a CliError when there is none. */
export async function resolveChange(client: FaultlineApi, ref: string): Promise<ChangeDetails> {
  const number = ref.toUpperCase();
  if (CHANGE_NUMBER_PATTERN.test(number)) {
    const found = (await client.call('change.list', {})).find((item) => item.change.number === number);
    if (!found) throw new CliError(`no change request ${number}`);
    return client.call('change.get', { id: found.change.id });
  }
  try {
    return await client.call('change.get', { id: ref });
  } catch (error) {
    if (error instanceof OperationFailed && (error.code === 'not_found' || error.code === 'invalid_input')) throw new CliError(`no change request with number or id "${ref}"`);
    throw error;
  }
}

/** Each CI's name by id (a CI no longer in the CMDB keeps its id). */
export async function ciNames(client: FaultlineApi, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    try {
      names.set(id, (await client.call('ci.get', { id })).ci.name);
    } catch (error) {
      if (!(error instanceof OperationFailed)) throw error;
      names.set(id, id);
    }
  }
  return names;
}

/** The service's refusal without the field prefix its message starts with ("to: CHG0003 cannot go …"). */
export function plainRefusal(error: unknown): never {
  if (error instanceof OperationFailed) {
    const field = error.issues?.[0]?.path.split('.').at(-1);
    const message = field && error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message;
    throw new CliError(message);
  }
  throw error;
}

export function windowLabel(window: Change['window']): string {
  return window ? `${window.start} – ${window.end}` : '(none)';
}
