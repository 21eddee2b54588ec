// Saving a file the user asked for: a Blob behind a temporary <a download> (works in Chromium
// and in Electron, which asks where to save). Base64 content (xlsx) is decoded to bytes first.
import type { ExportedFile } from '../../shared/operations';

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start reading the blob before it is released.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function exportedFileBlob(file: ExportedFile): Blob {
  const body = file.encoding === 'base64' ? base64ToBytes(file.content) : file.content;
  return new Blob([body], { type: file.mimeType });
}

/** Downloads each file, one after another (browsers drop downloads started in the same instant). */
export async function downloadFiles(files: ExportedFile[]): Promise<void> {
  for (const [i, file] of files.entries()) {
    if (i > 0) await new Promise((resolve) => window.setTimeout(resolve, 250));
    downloadBlob(file.name, exportedFileBlob(file));
  }
}

/** "report 2026-01-05 10-30" style stamp for file names. */
export function fileStamp(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}`;
}
