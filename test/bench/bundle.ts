// The bench measures the core as it ships: the Electron main process and the CLI run it bundled
// (electron-vite, build/build-cli.mjs), one scope in which an imported constant is a plain binding.
// Run from the sources by tsx, each module is compiled apart and every imported binding read in a
// hot loop is a getter call (tsx's CommonJS interop); that alone made common cause over 50
// incidents about a fifth slower. So the bench bundles itself with esbuild (which vite and tsx ship)
// into out/bench and runs the bundle; `--source` runs the sources under tsx, as before.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT_DIR = join(ROOT, 'out', 'bench');

export interface BenchBundle {
  run: string;
  openChild: string;
}

/** Environment variable holding the bundled open-child's path in the bench's process. */
export const OPEN_CHILD_ENV = 'FAULTLINE_BENCH_OPEN_CHILD';

export async function bundleBench(): Promise<BenchBundle> {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: ROOT,
    entryPoints: { run: 'test/bench/run.ts', 'open-child': 'test/bench/open-child.ts' },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages load from node_modules as they would in the app; only the sources are bundled.
    packages: 'external',
    logLevel: 'warning',
  });
  return { run: join(OUT_DIR, 'run.mjs'), openChild: join(OUT_DIR, 'open-child.mjs') };
}
