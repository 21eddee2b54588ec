// Electron main entry (built to out/main/index.js, ESM): the real service into the app shell.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFaultlineService } from '../../src/node/service';
import { runFaultlineApp } from './app';

const running = runFaultlineApp({ startService: startFaultlineService, mainDir: dirname(fileURLToPath(import.meta.url)) });
running.ready.catch((error: unknown) => {
  console.error('[faultline] startup failed:', error);
  process.exitCode = 1;
});
