// Picking the importer for a file from its name and first bytes, and one entry point over all.
import { parseBackstage } from './backstage';
import { parseCompose, type ComposeOptions } from './compose';
import { parseCsv, readCsvHeader, suggestCsvMapping, type CsvMapping } from './csv';
import { parseFaultlineSnapshot } from './faultline-json';
import { parseKubernetes, type KubernetesOptions } from './kubernetes';
import { guard } from './limits';
import { parseServiceNow, type ServiceNowOptions } from './servicenow';
import { parseTerraform, type TerraformOptions } from './terraform';
import { emptyLeftOut, ImportError, mergeLeftOut, type ImportBatch, type ImportFormat } from './types';

/** A best guess from the file name and the first 64 KiB; null when nothing fits. */
export function detectImportFormat(fileName: string, text: string): ImportFormat | null {
  const name = fileName.toLowerCase().replace(/^.*[\\/]/, '');
  const head = text.slice(0, 65536);
  const ext = /\.([a-z0-9]+)$/.exec(name)?.[1] ?? '';
  const firstChar = head.replace(/^\uFEFF?\s*/, '').charAt(0);
  if (ext === 'tfstate' || name.endsWith('.tfstate.backup')) return 'terraform';
  if (ext === 'json' || firstChar === '{' || firstChar === '[') {
    if (/"schemaVersion"\s*:/.test(head) && /"cis"\s*:/.test(head)) return 'faultline-json';
    if (/"terraform_version"\s*:|"format_version"\s*:|"lineage"\s*:/.test(head)) return 'terraform';
    if (/"sys_id"|"sys_class_name"|"records"\s*:|"result"\s*:/.test(head)) return 'servicenow';
    if (/"number"\s*:/.test(head) && /"short_description"\s*:/.test(head)) return 'servicenow';
    if (ext === 'json') return null;
  }
  if (ext === 'yaml' || ext === 'yml') {
    if (/^apiVersion:\s*["']?backstage\.io\//m.test(head)) return 'backstage';
    if (/^apiVersion:/m.test(head) && /^kind:/m.test(head)) return 'kubernetes';
    if (/^services:\s*$/m.test(head) || /(^|[-_.])compose[-_.]|^compose\./.test(name)) return 'compose';
    return null;
  }
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') {
    const firstLine = head.split(/\r?\n|\r/, 1)[0].toLowerCase();
    if (/\bsys_id\b|\bsys_class_name\b/.test(firstLine)) return 'servicenow';
    // A change_request list export: Number and Short description (with their labels or their column names).
    if (/(^|[,;\t])"?number"?([,;\t]|$)/.test(firstLine) && /(^|[,;\t])"?short[_ ]description"?([,;\t]|$)/.test(firstLine)) return 'servicenow';
    if (/(^|[,;\t])"?parent"?([,;\t]|$)/.test(firstLine) && /(^|[,;\t])"?child"?([,;\t]|$)/.test(firstLine) && /(^|[,;\t])"?type"?([,;\t]|$)/.test(firstLine)) {
      return 'servicenow';
    }
    const header = firstLine.split(/[,;\t|]/).map((h) => h.replace(/"/g, '').trim());
    const hasSource = header.some((h) => ['source', 'from', 'src', 'source id'].includes(h));
    const hasTarget = header.some((h) => ['target', 'to', 'dst', 'target id'].includes(h));
    return hasSource && hasTarget ? 'csv-relationships' : 'csv-cis';
  }
  return null;
}

export interface ParseImportOptions extends TerraformOptions, ComposeOptions, KubernetesOptions, ServiceNowOptions {
  /** Skip detection. */
  format?: ImportFormat;
  /** For CSV: the mapping to use (else the suggested one). */
  csvMapping?: CsvMapping;
}

/** Detects the format (unless given) and runs its parser. Throws ImportError only. */
export function parseImport(text: string, options: ParseImportOptions): ImportBatch {
  const file = options.fileName;
  return guard(file, () => {
    const format = options.format ?? detectImportFormat(file, text);
    switch (format) {
      case 'faultline-json':
        return parseFaultlineSnapshot(text, options);
      case 'csv-cis':
      case 'csv-relationships':
        return parseCsv(text, options.csvMapping ?? suggestCsvMapping(readCsvHeader(text, options)), options);
      case 'servicenow':
        return parseServiceNow(text, options);
      case 'backstage':
        return parseBackstage(text, options);
      case 'terraform':
        return parseTerraform(text, options);
      case 'compose':
        return parseCompose(text, options);
      case 'kubernetes':
        return parseKubernetes(text, options);
      case null:
      case undefined:
        throw new ImportError('format', { file }, 'the format of this file is not recognised; choose it explicitly');
    }
  });
}

/** Several batches as one (e.g. ServiceNow cmdb_ci + cmdb_rel_ci, or cis.csv + relationships.csv) for one plan and one undo step. */
export function mergeBatches(batches: readonly ImportBatch[]): ImportBatch {
  if (batches.length === 0) throw new Error('mergeBatches needs at least one batch');
  return {
    format: batches[0].format,
    cis: batches.flatMap((b) => b.cis),
    relationships: batches.flatMap((b) => b.relationships),
    rejected: batches.flatMap((b) => b.rejected),
    warnings: batches.flatMap((b) => b.warnings),
    leftOut: batches.reduce((sum, b) => mergeLeftOut(sum, b.leftOut), emptyLeftOut()),
  };
}
