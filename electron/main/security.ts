// The security settings of the window, as small functions the tests can check without the
// Electron binary: window options, Content-Security-Policy, navigation / window.open / webview
// handlers, the https-only external opener, the permission handlers and the IPC sender check.
import { normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindowConstructorOptions, HandlerDetails, Session, Shell, WebContents, WindowOpenHandlerResponse } from 'electron';
import type { RendererTarget } from './paths';

export function buildWindowOptions(options: { preloadPath: string; darkBackground?: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 800,
    minHeight: 520,
    title: 'Faultline',
    show: false,
    backgroundColor: options.darkBackground ? '#16181d' : '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** The production policy: no inline or eval script, nothing fetched from anywhere but the app. */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['worker-src', "'self' blob:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
];

/**
 * The Content-Security-Policy header value. With `devServerUrl` (electron-vite dev only, never
 * packaged) the policy also admits the dev server's hot-reload websocket and the inline module
 * script @vitejs/plugin-react injects; the production build gets the strict policy above.
 */
export function contentSecurityPolicy(options: { devServerUrl?: string | null } = {}): string {
  const directives = CSP_DIRECTIVES.map(([name, value]) => [name, value] as [string, string]);
  if (options.devServerUrl) {
    const dev = new URL(options.devServerUrl);
    const wsOrigin = `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`;
    for (const directive of directives) {
      if (directive[0] === 'script-src') directive[1] = "'self' 'unsafe-inline'";
      if (directive[0] === 'connect-src') directive[1] = `'self' ${wsOrigin}`;
    }
  }
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The response headers with any Content-Security-Policy the response carried replaced by ours. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}

export function installContentSecurityPolicy(session: Pick<Session, 'webRequest'>, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
}

/** Every permission request and check is refused: Faultline needs no camera, location, notifications… */
export function installPermissionHandlers(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** A URL the app may hand to the OS browser: it parses, it is https:, and it carries no credentials. */
export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string') return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== '';
}

/** Opens `url` in the user's browser when it is a safe https URL; returns whether it did. */
export function openExternalSafely(shell: Pick<Shell, 'openExternal'>, url: unknown): boolean {
  if (!isSafeExternalUrl(url)) return false;
  shell.openExternal(url).catch(() => undefined);
  return true;
}

function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  const left = normalize(a);
  const right = normalize(b);
  return platform === 'win32' ? left.toLowerCase() === right.toLowerCase() : left === right;
}

function filePathOf(url: URL): string | null {
  if (url.protocol !== 'file:') return null;
  try {
    return fileURLToPath(url);
  } catch {
    return null;
  }
}

/** Whether `raw` is the app's own page (the same document; query and hash may differ). */
export function isAppPageUrl(raw: string, target: RendererTarget, platform: NodeJS.Platform = process.platform): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (target.kind === 'file') {
    const path = filePathOf(url);
    return path !== null && samePath(path, target.path, platform);
  }
  const app = new URL(target.url);
  return url.origin === app.origin && url.pathname === app.pathname;
}

export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * The IPC sender check: the call must come from the top frame of the app's own renderer —
 * file:// of out/renderer/index.html, or exactly the dev server's origin in dev.
 */
export function isTrustedSender(
  frame: SenderFrameLike | null | undefined,
  target: RendererTarget,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (!frame || frame.parent !== null || typeof frame.url !== 'string') return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (target.kind === 'file') {
    const path = filePathOf(url);
    return path !== null && samePath(path, target.path, platform);
  }
  return url.origin === new URL(target.url).origin;
}

/** The `will-navigate` / `will-redirect` handler: stay on the app's page; https links go to the browser. */
export function navigationGuard(
  target: RendererTarget,
  shell: Pick<Shell, 'openExternal'>,
  platform: NodeJS.Platform = process.platform,
): (event: { url: string; preventDefault(): void }) => void {
  return (event) => {
    if (isAppPageUrl(event.url, target, platform)) return;
    event.preventDefault();
    openExternalSafely(shell, event.url);
  };
}

/** The `setWindowOpenHandler` handler: never a new Electron window; https links go to the browser. */
export function windowOpenHandler(shell: Pick<Shell, 'openExternal'>): (details: Pick<HandlerDetails, 'url'>) => WindowOpenHandlerResponse {
  return (details) => {
    openExternalSafely(shell, details.url);
    return { action: 'deny' };
  };
}

/** Applies the navigation, window.open and webview rules to one WebContents (every one the app creates). */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  target: RendererTarget,
  shell: Pick<Shell, 'openExternal'>,
  platform: NodeJS.Platform = process.platform,
): void {
  const guard = navigationGuard(target, shell, platform);
  contents.on('will-navigate', (event) => guard(event));
  contents.on('will-redirect', (event) => guard(event));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler(shell));
}
