// `api.call(name, input)`: one typed entry to every operation of src/shared/operations.ts,
// carried by the Electron preload when present, else by HTTP to the browser-mode server.
import type { ApiErrorBody, ApiResult, FaultlineApi, OperationInput, OperationName, OperationOutput } from '../../shared/operations';
import { ApiError } from './api-error';
import { httpTransport, type Transport } from './http-transport';
import { takeTokenFromLocation } from './token';

function chooseTransport(): Transport {
  const bridge = window.faultline;
  if (bridge) return (name, input) => bridge.call(name, input);
  return httpTransport(takeTokenFromLocation(), window.location.origin);
}

let transport: Transport | null = null;

function unwrap<T>(result: ApiResult): T {
  if (result.ok) return result.value as T;
  const error: ApiErrorBody = result.error;
  throw new ApiError(error.code, error.message, error.issues ?? []);
}

export const api: FaultlineApi = {
  async call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
    transport ??= chooseTransport();
    return unwrap<OperationOutput<N>>(await transport(name, input));
  },
};

/** Reads the token from the address bar now (before React renders) so it is stripped at once. */
export function initApi(): void {
  transport ??= chooseTransport();
}
