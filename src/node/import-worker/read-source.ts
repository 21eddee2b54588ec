// Reading an import file into an ImportBatch: format detection, the CSV mapping choice and the
// parser run. Pure apart from the work (no I/O), so it runs in the import worker for the
// service and in-process for the CLI.
import {
  csvHeaderKey,
  detectImportFormat,
  parseCsvParts,
  parseImport,
  readCsvHeader,
  suggestCsvMapping,
  validateCsvMapping,
  type BatchPart,
  type ImportBatch,
  type ImportProgress,
} from '../../core/formats/import';
import type { CsvMapping, ImportFormat } from '../../shared/data-types';

/** A file that cannot be previewed as asked (unknown format, a given CSV mapping that does not fit). */
export class ImportSourceError extends Error {
  readonly issues: { path: string; message: string }[];
  constructor(message: string, issues: { path: string; message: string }[]) {
    super(message);
    this.name = 'ImportSourceError';
    this.issues = issues;
  }
}

export interface ImportSourceOptions {
  fileName: string;
  format?: ImportFormat;
  /** For CSV: the mapping chosen by the user (must fit the header). */
  csvMapping?: CsvMapping;
  /** For CSV without a chosen mapping: one remembered for this header key, if any. */
  rememberedMapping?: (headerKey: string) => CsvMapping | undefined;
  includeAttributes?: boolean;
  /** Keep the readable part of a file with unreadable documents or rows (ImportOptions.skipUnreadable). */
  skipUnreadable?: boolean;
  /** Passed to the parser (CSV reports bytes scanned, then rows read). */
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportSourceCsv {
  header: string[];
  mapping: CsvMapping;
  suggested: boolean;
  remembered: boolean;
  problems: string[];
}

export interface ImportSource {
  format: ImportFormat;
  /** null when a guessed CSV mapping does not fit (see csv.problems). */
  batch: ImportBatch | null;
  csv?: ImportSourceCsv;
}

/**
 * Reads an import file: detects the format unless given and runs its parser; for CSV picks the
 * mapping (given, else remembered for the header, else guessed). Throws ImportError for a file
 * that cannot be read, ImportSourceError for an unknown format or a given mapping that does not fit.
 */
export function readImportSource(content: string, options: ImportSourceOptions): ImportSource {
  const parts = readImportSourceParts(content, options);
  const cis: ImportBatch['cis'] = [];
  const rejected: ImportBatch['rejected'] = [];
  let step = parts.next();
  for (; !step.done; step = parts.next()) {
    for (const ci of step.value.cis) cis.push(ci);
    for (const r of step.value.rejected) rejected.push(r);
  }
  const source = step.value;
  if (!source.batch) return source;
  for (const ci of source.batch.cis) cis.push(ci);
  for (const r of source.batch.rejected) rejected.push(r);
  return { ...source, batch: { ...source.batch, cis, rejected } };
}

/**
 * readImportSource handing on a CSV file's CIs and rejections in parts as it reads (the returned
 * source's batch holds the rest); other formats are read whole and come in the returned batch.
 */
export function* readImportSourceParts(content: string, options: ImportSourceOptions): Generator<BatchPart, ImportSource, void> {
  const { fileName } = options;
  const progress = {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.skipUnreadable ? { skipUnreadable: true } : {}),
  };
  const format = options.format ?? detectImportFormat(fileName, content);
  if (format === null) {
    throw new ImportSourceError(`The format of ${fileName} is not recognised; choose it explicitly.`, [
      { path: 'format', message: 'not recognised; choose one' },
    ]);
  }
  if (format !== 'csv-cis' && format !== 'csv-relationships') {
    return { format, batch: parseImport(content, { fileName, format, includeAttributes: options.includeAttributes ?? false, ...progress }) };
  }
  const header = readCsvHeader(content, { fileName });
  const headerKey = csvHeaderKey(header);
  let mapping = options.csvMapping;
  let suggested = false;
  let remembered = false;
  if (!mapping) {
    const saved = options.rememberedMapping?.(headerKey);
    if (saved && validateCsvMapping(saved, header).length === 0) {
      mapping = saved;
      remembered = true;
    } else {
      mapping = suggestCsvMapping(header);
      suggested = true;
    }
  }
  const problems = validateCsvMapping(mapping, header);
  if (problems.length > 0 && !suggested) {
    throw new ImportSourceError(
      `The column mapping does not fit ${fileName}: ${problems[0]}`,
      problems.map((message) => ({ path: 'csvMapping', message })),
    );
  }
  const csv = { header, mapping, suggested, remembered, problems };
  if (problems.length > 0) return { format, batch: null, csv };
  const batch = yield* parseCsvParts(content, mapping, { fileName, ...progress });
  return { format: batch.format, batch, csv };
}
