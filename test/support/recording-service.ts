// A stand-in for the service behind the browser-mode server: it answers every operation with its
// name and records what it was called with, so server tests can check what reached it.
import type { ApiResult } from '../../src/shared/operations';

export interface RecordingService {
  calls: { name: string; input: unknown }[];
  dispatch(name: string, input: unknown): Promise<ApiResult>;
}

export function recordingService(): RecordingService {
  const calls: RecordingService['calls'] = [];
  return {
    calls,
    async dispatch(name, input) {
      calls.push({ name, input });
      return { ok: true, value: { name } };
    },
  };
}
