#!/usr/bin/env node
// The `faultline` executable (package.json bin). It runs the CLI prebuilt into out/cli by
// build/build-cli.mjs (npm install builds it), as plain JavaScript: no TypeScript is compiled
// at run time. When the build is missing or older than a source it was built from (a checkout
// that changed since), it is rebuilt first; where esbuild is not installed, the sources run
// through tsx as before.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = join(root, 'out', 'cli');

/** True when out/cli holds a build of the sources as they are now. */
function buildIsCurrent() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outDir, 'inputs.json'), 'utf8'));
    statSync(join(outDir, 'main.mjs'));
  } catch {
    return false;
  }
  for (const input of manifest.inputs) {
    try {
      if (statSync(join(root, input)).mtimeMs > manifest.builtAt) return false;
    } catch {
      return false;
    }
  }
  return true;
}

async function loadMain() {
  if (!buildIsCurrent()) {
    try {
      const { buildCli } = await import(pathToFileURL(join(root, 'build', 'build-cli.mjs')).href);
      await buildCli();
    } catch (error) {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      // No esbuild (nor the build script): run the sources.
      const { register } = await import('tsx/esm/api');
      register();
      return import('./main.ts');
    }
  }
  return import(pathToFileURL(join(outDir, 'main.mjs')).href);
}

const { main } = await loadMain();
process.exitCode = await main(process.argv.slice(2));
