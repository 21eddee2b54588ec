// What the service tests share: the value of a successful ApiResult, and services and folders
// closed and removed after each test.
import { rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import type { FaultlineService } from '../../../../src/node/service';
import type { ApiResult } from '../../../../src/shared/operations';

export function okValue<T>(result: ApiResult): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** Lists whose services are closed and folders removed after every test of the file that calls this. */
export function cleanedUpAfterEach(): { services: FaultlineService[]; dirs: string[] } {
  const tracked = { services: [] as FaultlineService[], dirs: [] as string[] };
  afterEach(async () => {
    for (const service of tracked.services.splice(0)) await service.close();
    for (const dir of tracked.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return tracked;
}
