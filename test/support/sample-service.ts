// Runs `body` against the service opened on a copy of the bundled sample CMDB (as on first start), then closes it and removes the copy.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_PATH } from '../../resources/sample/build-sample';
import { startFaultlineService, type FaultlineService, type FaultlineServiceOptions } from '../../src/node/service';
import { tempDir } from '../unit/node/service/fixture';

export async function withSampleService<T>(body: (service: FaultlineService) => Promise<T>, options: Pick<FaultlineServiceOptions, 'printPdf'> = {}): Promise<T> {
  const dir = tempDir('sample');
  try {
    const doc = join(dir, 'sample-cmdb.faultline');
    copyFileSync(SAMPLE_PATH, doc);
    const service = await startFaultlineService({ dataDir: join(dir, 'data'), documentPath: doc, actor: 'newcomer', log: () => undefined, ...options });
    try {
      return await body(service);
    } finally {
      await service.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

