// HTML printed to PDF by the installed Chromium, headless (the CAB packet's PDF in browser mode
// and the CLI). Chromium is looked for in FAULTLINE_CHROMIUM, /usr/bin/chromium, then chromium,
// chromium-browser, google-chrome on PATH; where there is none, the error says so plainly.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CmdbError } from '../../core/graph';

export const PDF_MIME_TYPE = 'application/pdf';

/** Prints HTML to PDF bytes: the installed Chromium here; Electron's printToPDF in the desktop app. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

export const NO_CHROMIUM_MESSAGE = 'no Chromium found to print the PDF; install chromium or export HTML';

const PRINT_TIMEOUT_MS = 60_000;
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to print with, or null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.FAULTLINE_CHROMIUM;
  if (chosen) return executable(chosen) ? chosen : null;
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  const dirs = (env.PATH ?? '').split(delimiter).filter((d) => d.length > 0);
  for (const name of ON_PATH) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return null;
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: PRINT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`Chromium could not print the PDF: ${error.message}${stderr ? `\n${String(stderr).slice(-2000)}` : ''}`));
      else resolve();
    });
  });
}

/** `html` as PDF bytes; a CmdbError (not_found) when no Chromium is installed. */
export async function htmlToPdf(html: string, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const chromium = findChromium(env);
  if (!chromium) throw new CmdbError('not_found', NO_CHROMIUM_MESSAGE);
  const dir = await mkdtemp(join(tmpdir(), 'faultline-pdf-'));
  try {
    const input = join(dir, 'packet.html');
    const output = join(dir, 'packet.pdf');
    await writeFile(input, html, 'utf8');
    await run(chromium, [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${output}`,
      pathToFileURL(input).href,
    ]);
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
