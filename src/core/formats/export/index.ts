// Pure export writers: the model in, text out (no disk). Each takes a scope — the whole CMDB,
// or what is on screen — and the node layer writes the result to files (and builds .xlsx).
import { runSteps, type Steps } from '../../steps';
import { writeCsvSteps, type CsvOptions } from './csv';
import { writeDotSteps } from './dot';
import { writeGexfSteps } from './gexf';
import { writeGraphmlSteps } from './graphml';
import { writeJsonSnapshotSteps, type JsonSnapshotOptions } from './json';
import type { ExportScope } from './scope';

export { type ExportScope, type NormalizedScope, normalizeScope, compareIds } from './scope';
export { neutralizeCell, restoreCell } from './neutralize';
export { escapeXml, stripInvalidXmlChars } from './xml';
export {
  ciTable,
  relationshipTable,
  CI_BASE_COLUMNS,
  RELATIONSHIP_COLUMNS,
  TAG_SEPARATOR,
  ATTRIBUTE_PREFIX,
  EXTERNAL_ID_PREFIX,
  type Cell,
  type Table,
} from './table';
export { writeCsv, writeCisCsv, writeRelationshipsCsv, tableToCsv, type CsvOptions } from './csv';
export { changeTable, CHANGE_COLUMNS } from './change-table';
export { incidentTable, problemTable, INCIDENT_COLUMNS, PROBLEM_COLUMNS, type IncidentTableNames } from './incident-table';
export { writeJsonSnapshot, snapshotDocument, canonicalCi, canonicalRelationship, type JsonSnapshotOptions } from './json';
export { writeGraphml, YED_NAMESPACE, GRAPHML_NAMESPACE } from './graphml';
export { writeGexf, GEXF_NAMESPACE, type GexfOptions } from './gexf';
export { writeDot, dotQuote, type DotOptions } from './dot';
export { CLASS_STYLES, type ClassStyle } from './class-style';

/** The formats the core writes as text (Excel is binary and lives in src/node/export). */
export const TEXT_EXPORT_FORMATS = ['json', 'csv', 'graphml', 'gexf', 'dot'] as const;
export type TextExportFormat = (typeof TEXT_EXPORT_FORMATS)[number];

export interface ExportFile {
  /** File name: `<baseName>.<ext>`, or cis.csv / relationships.csv for CSV. */
  name: string;
  mediaType: string;
  content: string;
}

export interface TextExportOptions {
  /** File name without extension for single-file formats; "faultline" unless given. */
  baseName?: string;
  json?: JsonSnapshotOptions;
  csv?: CsvOptions;
}

/** One format's files for a scope. */
export function writeTextExport(format: TextExportFormat, scope: ExportScope, options: TextExportOptions = {}): ExportFile[] {
  return runSteps(writeTextExportSteps(format, scope, options));
}

/** writeTextExport in steps (see src/core/steps): a 100k-CI export pauses every STEP_SLICE items. */
export function* writeTextExportSteps(format: TextExportFormat, scope: ExportScope, options: TextExportOptions = {}): Steps<ExportFile[]> {
  const base = options.baseName ?? 'faultline';
  switch (format) {
    case 'json':
      return [{ name: `${base}.json`, mediaType: 'application/json', content: yield* writeJsonSnapshotSteps(scope, options.json) }];
    case 'csv': {
      const files = yield* writeCsvSteps(scope, options.csv);
      return [
        { name: 'cis.csv', mediaType: 'text/csv', content: files['cis.csv'] },
        { name: 'relationships.csv', mediaType: 'text/csv', content: files['relationships.csv'] },
      ];
    }
    case 'graphml':
      return [{ name: `${base}.graphml`, mediaType: 'application/graphml+xml', content: yield* writeGraphmlSteps(scope) }];
    case 'gexf':
      return [{ name: `${base}.gexf`, mediaType: 'application/gexf+xml', content: yield* writeGexfSteps(scope) }];
    case 'dot':
      return [{ name: `${base}.dot`, mediaType: 'text/vnd.graphviz', content: yield* writeDotSteps(scope) }];
  }
}
