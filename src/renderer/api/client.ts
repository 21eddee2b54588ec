// `api.call(name, input)`: one typed entry to every operation of src/shared/operations.ts,
// carried by the Electron preload when present, else by HTTP to the browser-mode server.
import type { ApiErrorBody, ApiResult, FaultlineApi, OperationInput, OperationName, OperationOutput } from '../../shared/operations';
import { ApiError } from './api-error';
import { takeTokenFromLocation } from './token';

type Transport = (name: string, input: unknown) => Promise<ApiResult>;

function isApiResult(value: unknown): value is ApiResult {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

function httpTransport(): Transport {
  const token = takeTokenFromLocation();
  return async (name, input) => {
    const response = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input ?? {}),
    });
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (isApiResult(body)) return body;
    const reason =
      response.status === 401
        ? 'The server refused the session token. Open the URL the server printed (with its token) again.'
        : `The server answered ${response.status} ${response.statusText}`;
    throw new ApiError('http_error', reason);
  };
}

function chooseTransport(): Transport {
  const bridge = window.faultline;
  if (bridge) return (name, input) => bridge.call(name, input);
  return httpTransport();
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
