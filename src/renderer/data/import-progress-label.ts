// What the import dialog says about a file's size and the importer's progress (pure: no store, no API).

/**
 * What the progress bar says for a phase. Before the importer reports (the file is still on its
 * way to it: a big file's upload in browser mode, the hand-over to the main process), it says so
 * with the file's size.
 */
export function progressLabel(progress: { phase: string; unit?: string } | null, fileSize?: number): string {
  switch (progress?.phase) {
    case 'parsing':
      return progress.unit === 'rows' ? 'Parsing rows…' : 'Reading the file…';
    case 'receiving':
      return 'Collecting the parsed items…';
    case 'planning':
      return 'Matching against the CMDB…';
    case 'finished':
      return 'Done';
    default:
      return fileSize === undefined ? 'Sending the file to the importer…' : `Sending ${formatBytes(fileSize)} to the importer…`;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
