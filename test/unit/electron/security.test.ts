import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Session, Shell, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { RendererTarget } from '../../../electron/main/paths';
import {
  buildWindowOptions,
  contentSecurityPolicy,
  hardenWebContents,
  installContentSecurityPolicy,
  installPermissionHandlers,
  isAppPageUrl,
  isSafeExternalUrl,
  isTrustedSender,
  navigationGuard,
  openExternalSafely,
  windowOpenHandler,
  withContentSecurityPolicy,
} from '../../../electron/main/security';

const INDEX = '/opt/faultline/out/renderer/index.html';
const FILE_TARGET: RendererTarget = { kind: 'file', path: INDEX };
const INDEX_URL = pathToFileURL(INDEX).href;
const DEV_TARGET: RendererTarget = { kind: 'url', url: 'http://localhost:5173/' };

function fakeShell() {
  const openExternal = vi.fn((_url: string) => Promise.resolve());
  return { shell: { openExternal } as unknown as Pick<Shell, 'openExternal'>, openExternal };
}

function parseCsp(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name ?? '', values.join(' ')];
    }),
  );
}

describe('window options', () => {
  it('isolate and sandbox the renderer with the preload from out/preload/index.cjs', () => {
    const options = buildWindowOptions({ preloadPath: '/x/out/preload/index.cjs' });
    expect(options.webPreferences).toMatchObject({
      preload: '/x/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.show).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('is strict in production: no inline or eval script, nothing from elsewhere', () => {
    const csp = parseCsp(contentSecurityPolicy());
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'worker-src': "'self' blob:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval/);
  });

  it('admits only the dev server websocket and its inline preamble in dev', () => {
    const csp = parseCsp(contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' }));
    expect(csp.get('connect-src')).toBe("'self' ws://localhost:5173");
    expect(csp.get('script-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('default-src')).toBe("'self'");
  });

  it('replaces any policy a response carried, whatever the header case, and keeps other headers', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['default-src *'], 'X-Other': ['1'] }, 'default-src \'self\'');
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': ["default-src 'self'"] });
    expect(withContentSecurityPolicy(undefined, 'p')).toEqual({ 'Content-Security-Policy': ['p'] });
  });

  it('the renderer page carries the same policy in a meta tag, since file:// responses have no headers to rewrite', () => {
    const html = readFileSync(join(import.meta.dirname, '..', '..', '..', 'src', 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta, 'src/renderer/index.html has a CSP meta tag').not.toBeNull();
    const fromMeta = parseCsp(meta?.[1] ?? '');
    // frame-ancestors is ignored in a meta tag; every other directive must match the header.
    const fromHeader = parseCsp(contentSecurityPolicy());
    fromHeader.delete('frame-ancestors');
    fromMeta.delete('frame-ancestors');
    expect(Object.fromEntries(fromMeta)).toEqual(Object.fromEntries(fromHeader));
  });

  it('is installed on the session through onHeadersReceived', () => {
    let listener: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    const session = { webRequest: { onHeadersReceived: vi.fn((l: typeof listener) => (listener = l)) } };
    installContentSecurityPolicy(session as unknown as Pick<Session, 'webRequest'>, contentSecurityPolicy());
    const callback = vi.fn();
    listener?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy()] },
    });
  });
});

describe('permissions', () => {
  it('every request and every check is denied', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...args: never[]) => unknown) => (handlers.request = h),
      setPermissionCheckHandler: (h: (...args: never[]) => unknown) => (handlers.check = h),
      setDevicePermissionHandler: (h: (...args: never[]) => unknown) => (handlers.device = h),
    };
    installPermissionHandlers(session as unknown as Parameters<typeof installPermissionHandlers>[0]);
    const request = handlers.request as unknown as (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
    const check = handlers.check as unknown as (wc: unknown, permission: string, origin: string) => boolean;
    const device = handlers.device as unknown as (details: unknown) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const cb = vi.fn();
      request(null, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(check(null, permission, 'file://')).toBe(false);
    }
    expect(device({ deviceType: 'usb' })).toBe(false);
  });
});

describe('external URLs', () => {
  it('only parsed https: URLs are opened', () => {
    expect(isSafeExternalUrl('https://example.com/docs?a=1')).toBe(true);
    for (const url of [
      'http://example.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<b>x</b>',
      'https://user:pass@example.com/',
      'https//example.com',
      'not a url',
      '',
      42,
      null,
    ]) {
      expect(isSafeExternalUrl(url), String(url)).toBe(false);
    }
  });

  it('openExternalSafely calls shell.openExternal for https only', () => {
    const { shell, openExternal } = fakeShell();
    expect(openExternalSafely(shell, 'javascript:alert(1)')).toBe(false);
    expect(openExternalSafely(shell, 'http://example.com')).toBe(false);
    expect(openExternalSafely(shell, 'file:///etc/passwd')).toBe(false);
    expect(openExternalSafely(shell, '::malformed::')).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
    expect(openExternalSafely(shell, 'https://example.com/')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://example.com/');
  });
});

describe('navigation and window.open', () => {
  function navigate(url: string, target: RendererTarget = FILE_TARGET) {
    const { shell, openExternal } = fakeShell();
    const preventDefault = vi.fn();
    navigationGuard(target, shell, 'linux')({ url, preventDefault });
    return { prevented: preventDefault.mock.calls.length > 0, openExternal };
  }

  it('the same page (another hash or query) may load', () => {
    expect(navigate(INDEX_URL).prevented).toBe(false);
    expect(navigate(`${INDEX_URL}#/ci/x`).prevented).toBe(false);
    expect(navigate('http://localhost:5173/?x=1', DEV_TARGET).prevented).toBe(false);
  });

  it('anything else is blocked; an https link goes to the browser instead', () => {
    const other = navigate(pathToFileURL('/etc/passwd').href);
    expect(other.prevented).toBe(true);
    expect(other.openExternal).not.toHaveBeenCalled();
    const web = navigate('https://example.com/');
    expect(web.prevented).toBe(true);
    expect(web.openExternal).toHaveBeenCalledWith('https://example.com/');
    const js = navigate('javascript:alert(1)');
    expect(js.prevented).toBe(true);
    expect(js.openExternal).not.toHaveBeenCalled();
    expect(navigate('http://localhost:5174/', DEV_TARGET).prevented).toBe(true);
    expect(navigate('http://localhost:5173/other.html', DEV_TARGET).prevented).toBe(true);
  });

  it('window.open is always denied; https URLs open in the browser', () => {
    const { shell, openExternal } = fakeShell();
    const handler = windowOpenHandler(shell);
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: INDEX_URL })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/']]);
  });

  it('hardenWebContents installs the guards and refuses webviews', () => {
    const { shell } = fakeShell();
    const listeners = new Map<string, (event: { url?: string; preventDefault(): void }) => void>();
    const setWindowOpenHandler = vi.fn();
    const contents = {
      on: (name: string, listener: (event: { url?: string; preventDefault(): void }) => void) => {
        listeners.set(name, listener);
        return contents;
      },
      setWindowOpenHandler,
    };
    hardenWebContents(contents as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler'>, FILE_TARGET, shell, 'linux');
    expect([...listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(setWindowOpenHandler).toHaveBeenCalledTimes(1);
    const webview = vi.fn();
    listeners.get('will-attach-webview')?.({ preventDefault: webview });
    expect(webview).toHaveBeenCalled();
    const away = vi.fn();
    listeners.get('will-navigate')?.({ url: 'https://example.com/', preventDefault: away });
    expect(away).toHaveBeenCalled();
  });

  it('isAppPageUrl compares file paths, not URL spellings', () => {
    expect(isAppPageUrl('file:///opt/faultline/out/renderer/./index.html', FILE_TARGET, 'linux')).toBe(true);
    expect(isAppPageUrl('file:///opt/faultline/out/renderer/other.html', FILE_TARGET, 'linux')).toBe(false);
    expect(isAppPageUrl('garbage', FILE_TARGET, 'linux')).toBe(false);
  });
});

describe('IPC sender check', () => {
  const top = (url: string) => ({ url, parent: null });

  it('accepts the top frame of the app page', () => {
    expect(isTrustedSender(top(INDEX_URL), FILE_TARGET, 'linux')).toBe(true);
    expect(isTrustedSender(top(`${INDEX_URL}#x`), FILE_TARGET, 'linux')).toBe(true);
    expect(isTrustedSender(top('http://localhost:5173/'), DEV_TARGET, 'linux')).toBe(true);
  });

  it('refuses other files, web origins, subframes and a missing frame', () => {
    expect(isTrustedSender(top(pathToFileURL('/tmp/evil.html').href), FILE_TARGET, 'linux')).toBe(false);
    expect(isTrustedSender(top('https://example.com/'), FILE_TARGET, 'linux')).toBe(false);
    expect(isTrustedSender({ url: INDEX_URL, parent: { url: INDEX_URL } }, FILE_TARGET, 'linux')).toBe(false);
    expect(isTrustedSender(null, FILE_TARGET, 'linux')).toBe(false);
    expect(isTrustedSender(undefined, FILE_TARGET, 'linux')).toBe(false);
    expect(isTrustedSender(top('about:blank'), FILE_TARGET, 'linux')).toBe(false);
  });

  it('in dev, only the exact dev server origin', () => {
    expect(isTrustedSender(top('http://localhost:5174/'), DEV_TARGET, 'linux')).toBe(false);
    expect(isTrustedSender(top('http://127.0.0.1:5173/'), DEV_TARGET, 'linux')).toBe(false);
    expect(isTrustedSender(top('https://localhost:5173/'), DEV_TARGET, 'linux')).toBe(false);
    expect(isTrustedSender(top(INDEX_URL), DEV_TARGET, 'linux')).toBe(false);
  });

  it('on Windows, paths compare without case (elsewhere with)', () => {
    const target: RendererTarget = { kind: 'file', path: '/Opt/Faultline/out/renderer/index.html' };
    const url = 'file:///opt/faultline/out/renderer/INDEX.html';
    expect(isTrustedSender(top(url), target, 'win32')).toBe(true);
    expect(isTrustedSender(top(url), target, 'linux')).toBe(false);
  });
});
