// The CAB packet's PDF in the desktop app: the packet's HTML loaded in a hidden, script-less,
// sandboxed window and printed with Electron's printToPDF (no Chromium install needed).
import { BrowserWindow } from 'electron';

export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, offscreen: true },
  });
  try {
    // The packet is self-contained (no external resource), so a data URL holds all of it.
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4', margins: { marginType: 'default' } });
  } finally {
    window.destroy();
  }
}
