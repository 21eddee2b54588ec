import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devRendererUrl, fileArgFromArgv, resolveAppPaths, withDocumentExtension } from '../../../electron/main/paths';

describe('devRendererUrl', () => {
  it('takes the electron-vite dev server URL when not packaged', () => {
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173/');
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5174/' }, false)).toBe('http://127.0.0.1:5174/');
  });

  it('ignores it in a packaged app, and ignores non-loopback or non-http URLs', () => {
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeNull();
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, false)).toBeNull();
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'file:///etc/passwd' }, false)).toBeNull();
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'not a url' }, false)).toBeNull();
    expect(devRendererUrl({}, false)).toBeNull();
  });
});

describe('resolveAppPaths', () => {
  const mainDir = join('/app', 'out', 'main');

  it('finds the preload and renderer beside the main bundle and the sample in the repo in dev', () => {
    const paths = resolveAppPaths({ mainDir, isPackaged: false, appPath: '/repo', resourcesPath: '/ignored', devUrl: null });
    expect(paths.preload).toBe(join('/app', 'out', 'preload', 'index.cjs'));
    expect(paths.renderer).toEqual({ kind: 'file', path: join('/app', 'out', 'renderer', 'index.html') });
    expect(paths.sampleSource).toBe(join('/repo', 'resources', 'sample-cmdb.faultline'));
  });

  it('uses process.resourcesPath for the sample when packaged, and the dev server URL when given', () => {
    const packaged = resolveAppPaths({ mainDir, isPackaged: true, appPath: '/opt/app.asar', resourcesPath: '/opt/res', devUrl: null });
    expect(packaged.sampleSource).toBe(join('/opt/res', 'sample-cmdb.faultline'));
    const dev = resolveAppPaths({ mainDir, isPackaged: false, appPath: '/repo', resourcesPath: '', devUrl: 'http://localhost:5173/' });
    expect(dev.renderer).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
  });
});

describe('fileArgFromArgv', () => {
  it('finds a .faultline argument and resolves it against the working directory', () => {
    expect(fileArgFromArgv(['/usr/bin/faultline', 'plant.faultline'], '/home/ana')).toBe(join('/home/ana', 'plant.faultline'));
    expect(fileArgFromArgv(['electron', '.', '--inspect', '/data/X.FAULTLINE'], '/tmp')).toBe('/data/X.FAULTLINE');
  });

  it('ignores the executable, flags and other files', () => {
    expect(fileArgFromArgv(['/opt/x.faultline'], '/')).toBeNull();
    expect(fileArgFromArgv(['app', '--file=a.faultline', 'notes.txt'], '/')).toBeNull();
    expect(fileArgFromArgv([], '/')).toBeNull();
  });
});

describe('withDocumentExtension', () => {
  it('adds .faultline only when missing', () => {
    expect(withDocumentExtension('/a/b')).toBe('/a/b.faultline');
    expect(withDocumentExtension('/a/b.faultline')).toBe('/a/b.faultline');
    expect(withDocumentExtension('/a/B.Faultline')).toBe('/a/B.Faultline');
  });
});
