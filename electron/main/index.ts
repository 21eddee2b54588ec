// Electron main entry (built to out/main/index.js, ESM): the real service into the app shell.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFaultlineService } from '../../src/node/service';
import { runFaultlineApp } from './app';
import { printHtmlToPdf } from './print-pdf';

const running = runFaultlineApp({
  // The CAB packet's PDF comes from Electron's own printToPDF in the app.
  startService: (options) => startFaultlineService({ ...options, printPdf: printHtmlToPdf }),
  mainDir: dirname(fileURLToPath(import.meta.url)),
});
running.ready.catch((error: unknown) => {
  console.error('[faultline] startup failed:', error);
  process.exitCode = 1;
});
