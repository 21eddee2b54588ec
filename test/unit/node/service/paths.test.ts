// Where Faultline keeps its data: the folder Electron's app.getPath('userData') gives for
// productName "Faultline" on each platform, FAULTLINE_DATA_DIR, and user-typed paths.
import { join, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, findAppRoot, resolveDataDir, resolveUserPath, sampleCmdbSource, withDocumentExtension } from '../../../../src/node/paths';

describe('data folder', () => {
  it('follows Electron: XDG_CONFIG_HOME or ~/.config on Linux', () => {
    expect(defaultDataDir({ platform: 'linux', env: {}, home: '/home/ana' })).toBe('/home/ana/.config/Faultline');
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/ana' })).toBe('/xdg/Faultline');
    // A relative XDG_CONFIG_HOME is invalid per the spec and ignored.
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'rel' }, home: '/home/ana' })).toBe('/home/ana/.config/Faultline');
  });

  it('uses ~/Library/Application Support on macOS and %APPDATA% on Windows', () => {
    expect(defaultDataDir({ platform: 'darwin', env: {}, home: '/Users/ana' })).toBe('/Users/ana/Library/Application Support/Faultline');
    expect(defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, home: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Faultline',
    );
    expect(defaultDataDir({ platform: 'win32', env: {}, home: 'C:\\Users\\ana' })).toBe(win32.join('C:\\Users\\ana', 'AppData', 'Roaming', 'Faultline'));
  });

  it('prefers an explicit folder, then FAULTLINE_DATA_DIR, then the default', () => {
    const info = { platform: 'linux' as const, env: { FAULTLINE_DATA_DIR: '/data/env' }, home: '/home/ana' };
    expect(resolveDataDir('/data/flag', info)).toBe('/data/flag');
    expect(resolveDataDir(undefined, info)).toBe('/data/env');
    expect(resolveDataDir('~/mine', info)).toBe('/home/ana/mine');
    expect(resolveDataDir(undefined, { ...info, env: {} })).toBe('/home/ana/.config/Faultline');
  });
});

describe('document paths', () => {
  it('takes relative names from the base folder and expands ~', () => {
    expect(resolveUserPath('team.faultline', '/data')).toBe('/data/team.faultline');
    expect(resolveUserPath('/abs/x.faultline', '/data')).toBe('/abs/x.faultline');
    expect(resolveUserPath('~/x.faultline', '/data')).toMatch(/\/x\.faultline$/);
    expect(resolveUserPath('~/x.faultline', '/data')).not.toContain('~');
  });

  it('adds the .faultline extension only when it is missing', () => {
    expect(withDocumentExtension('/d/team')).toBe('/d/team.faultline');
    expect(withDocumentExtension('/d/team.faultline')).toBe('/d/team.faultline');
    expect(withDocumentExtension('/d/Team.FAULTLINE')).toBe('/d/Team.FAULTLINE');
  });

  it('finds the app root (package.json "faultline") and the bundled sample from here', () => {
    const root = findAppRoot(__dirname);
    expect(join(root, 'test/unit/node/service')).toBe(__dirname);
    expect(sampleCmdbSource(root)).toBe(join(root, 'resources', 'sample-cmdb.faultline'));
    expect(() => findAppRoot('/')).toThrow(/package\.json/);
  });
});
