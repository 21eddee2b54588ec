// build/electron-builder.yml is checked against electron-builder's own JSON schema (the one
// app-builder-lib validates with at `npm run dist`) plus the keys this project relies on.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: string[];
  extraResources?: { from: string; to: string }[];
  directories?: { output?: string; buildResources?: string };
  icon?: string;
  fileAssociations?: { ext: string; name: string; role?: string }[];
  linux?: { target?: string[] };
  mac?: { target?: string[] };
  win?: { target?: string[] };
  nsis?: { perMachine?: boolean };
}

function readConfig(): BuilderConfig {
  return load(readFileSync(join(root, 'build', 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

describe('build/electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    const ok = validate(readConfig());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check rejects a misspelt key and a wrong type (so the test above can fail)', () => {
    expect(validate({ ...readConfig(), productNme: 'Faultline' })).toBe(false);
    expect(validate({ ...readConfig(), asar: 'yes please' })).toBe(false);
  });

  it('names the app, ships the build, resources and manifest, and writes to dist', () => {
    const config = readConfig();
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Faultline');
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'resources/**', 'package.json']));
    expect(config.directories?.output).toBe('dist');
  });

  it('puts the sample CMDB in the resources folder, where the main process looks for it when packaged', () => {
    const config = readConfig();
    expect(config.extraResources).toContainEqual({ from: 'resources/sample-cmdb.faultline', to: 'sample-cmdb.faultline' });
  });

  it('builds AppImage + deb, dmg and nsis', () => {
    const config = readConfig();
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac?.target).toContain('dmg');
    expect(config.win?.target).toContain('nsis');
  });

  it('associates .faultline files as "Faultline CMDB" documents the app edits', () => {
    const config = readConfig();
    expect(config.fileAssociations).toContainEqual(expect.objectContaining({ ext: 'faultline', name: 'Faultline CMDB', role: 'Editor' }));
    // NSIS registers file associations only for per-machine installs.
    expect(config.nsis?.perMachine).toBe(true);
  });

  it('points at an icon that exists and is a PNG of at least 512×512', () => {
    const config = readConfig();
    const icon = join(root, config.icon ?? 'missing');
    expect(existsSync(icon)).toBe(true);
    const png = readFileSync(icon);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('the packaged main entry is the electron-vite output and package.json is an ES module', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main?: string; type?: string; scripts?: Record<string, string> };
    expect(manifest.main).toBe('out/main/index.js');
    expect(manifest.type).toBe('module');
    expect(manifest.scripts?.dist).toContain('--config build/electron-builder.yml');
  });
});
