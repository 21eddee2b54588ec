// The bin launcher runs the CLI prebuilt into out/cli (build/build-cli.mjs), and rebuilds a build
// that is older than the sources it was built from, so a changed checkout never runs stale code.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, faultline } from './run-faultline';

const INPUTS = join(ROOT, 'out/cli/inputs.json');

function manifest(): { builtAt: number; inputs: string[] } {
  return JSON.parse(readFileSync(INPUTS, 'utf8')) as { builtAt: number; inputs: string[] };
}

describe('the faultline bin', () => {
  it('runs the prebuilt bundle, built from the CLI and import worker sources', async () => {
    const run = await faultline('--help');
    expect(run.code).toBe(0);
    const { inputs } = manifest();
    expect(inputs).toEqual(expect.arrayContaining(['src/node/cli/main.ts', 'src/node/import-worker/worker.ts', 'src/core/formats/import/yaml-reader.ts', 'build/build-cli.mjs']));
    expect(readFileSync(join(ROOT, 'out/cli/main.mjs'), 'utf8')).toContain('Usage: faultline <command> [options]');
    expect(readFileSync(join(ROOT, 'out/cli/import-worker.js'), 'utf8')).toContain('The import worker must run in a worker thread.');
  });

  it('rebuilds a build older than its sources before running it', async () => {
    await faultline('--help');
    const stale = manifest();
    writeFileSync(INPUTS, JSON.stringify({ ...stale, builtAt: 0 }));
    const run = await faultline('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: faultline <command>/);
    expect(manifest().builtAt).toBeGreaterThan(0);
  });
});
