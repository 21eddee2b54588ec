// Builds the command line ahead of time: src/node/cli/main.ts and the import worker bundled by
// esbuild (the bundler vite and tsx already ship) into out/cli, so that `faultline` starts as
// plain JavaScript instead of compiling TypeScript on every run. The packages they use are
// bundled too (one file to load instead of hundreds: about 0.1 s less per start here), except
// exceljs, which is loaded from node_modules only when a workbook is written. Beside the
// bundles, inputs.json lists the source files they were built from (and package-lock.json for
// the packages), which src/node/cli/faultline.mjs compares with the files on disk to rebuild a
// stale build. Run by `npm install` (the prepare script) and by the first `faultline`
// after a source changes; `node build/build-cli.mjs` builds it by hand.
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'out', 'cli');
/** The bundled CLI (its `main(argv)` is what faultline.mjs runs). */
export const CLI_BUNDLE = join(OUT_DIR, 'main.mjs');
/** The sources the bundles were built from, with the build's start time. */
export const INPUTS_FILE = join(OUT_DIR, 'inputs.json');

/** Builds out/cli; returns the number of source files bundled. Each file is written beside and renamed, so a concurrent run never reads half a bundle. */
export async function buildCli() {
  const { build } = await import('esbuild');
  const startedAt = Date.now();
  const common = {
    absWorkingDir: ROOT,
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Loaded at run time from node_modules: exceljs on demand, tsx only by the sources' own paths.
    external: ['exceljs', 'tsx', 'tsx/*'],
    // Bundled CommonJS packages (yaml, papaparse) call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __faultlineCreateRequire } from 'node:module';\nconst require = __faultlineCreateRequire(import.meta.url);" },
    metafile: true,
    write: false,
    logLevel: 'warning',
  };
  const results = await Promise.all([
    build({ ...common, entryPoints: { main: 'src/node/cli/main.ts' }, outExtension: { '.js': '.mjs' } }),
    // Named as src/node/import-worker/client.ts looks for it beside the bundle that starts it (.js is an ES module here).
    build({ ...common, entryPoints: { 'import-worker': 'src/node/import-worker/worker.ts' } }),
  ]);
  await mkdir(OUT_DIR, { recursive: true });
  const suffix = `.${process.pid}.${startedAt}.tmp`;
  for (const file of results.flatMap((result) => result.outputFiles)) {
    await writeFile(file.path + suffix, file.contents);
    await rename(file.path + suffix, file.path);
  }
  const inputs = [...new Set(results.flatMap((result) => Object.keys(result.metafile.inputs)))]
    .filter((input) => !input.includes('node_modules'))
    .map((input) => relative(ROOT, resolve(ROOT, input)))
    .concat(relative(ROOT, fileURLToPath(import.meta.url)), existsSync(join(ROOT, 'package-lock.json')) ? ['package-lock.json'] : [])
    .sort();
  await writeFile(INPUTS_FILE + suffix, `${JSON.stringify({ builtAt: startedAt, inputs }, null, 2)}\n`);
  await rename(INPUTS_FILE + suffix, INPUTS_FILE);
  return inputs.length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = Date.now();
  try {
    const count = await buildCli();
    console.log(`faultline CLI built into ${relative(process.cwd(), OUT_DIR) || '.'} from ${count} source files in ${Date.now() - started} ms`);
  } catch (error) {
    // An install without dev dependencies has no esbuild: the bin then runs the sources (tsx), so the install still succeeds.
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    console.log(`faultline CLI not built (${error.message.split('\n')[0]}); it runs from the sources`);
  }
}
