// CSV of CIs and of relationships, with a column-mapping step: suggestCsvMapping guesses a
// target for each header column (Gephi's Id/Label/Source/Target, Faultline's own export
// columns, common synonyms), the caller may correct it and remember it under `mapping.key`
// (derived from the header row), and parseCsvCis / parseCsvRelationships read the rows.
//
// Empty cells never erase data: a CI row with an empty owner says nothing about the owner —
// except in rows that carry a Faultline id (a Faultline export read back), which describe the
// CI completely: there an empty environment, owner, tags or redundancy cell means empty/none.
import type { CsvMapping } from '../../../shared/data-types';
import { RELATIONSHIP_TYPES, type RelationshipType, type Strength } from '../../../shared/model';
import { restoreCell } from '../export/neutralize';
import { BatchBuilder, collectParts } from './builder';
import { checkRecordWidth, reportCsvTable, scanCsv, type CsvReadOptions, type CsvRecord, type CsvScan } from './csv-reader';
import { guard, guardSteps } from './limits';
import { hashText, isForbiddenKey, normalizeClass, normalizeCriticality, normalizeStatus, normalizeTags } from './normalize';
import { ImportError, type BatchParts, type ImportBatch, type ImportedCi, type ImportedRelationship, type ImportOptions, type SourceRef } from './types';

export const CSV_CI_FIELDS = [
  'id',
  'externalId',
  'name',
  'class',
  'environment',
  'criticality',
  'owner',
  'status',
  'tags',
  'redundancy',
] as const;
export type CsvCiField = (typeof CSV_CI_FIELDS)[number];
/** A CI column's target: a field, `attributes.<key>`, `externalIds.<system>`, or `ignore`. */
export type CsvCiTarget = CsvCiField | 'ignore' | `attributes.${string}` | `externalIds.${string}`;

export const CSV_RELATIONSHIP_FIELDS = ['source', 'target', 'type', 'strength', 'inferred', 'id'] as const;
export type CsvRelationshipField = (typeof CSV_RELATIONSHIP_FIELDS)[number];
export type CsvRelationshipTarget = CsvRelationshipField | 'ignore';

export type { CsvMapping };

export interface CsvParseOptions extends ImportOptions {
  delimiter?: string;
}

function norm(header: string): string {
  return header.trim().toLowerCase();
}

function compact(header: string): string {
  return norm(header).replace(/[^a-z0-9]/g, '');
}

/** A stable key for a header row, so the mapping chosen for it can be remembered. */
export function csvHeaderKey(header: readonly string[]): string {
  return `csv-${header.length}-${hashText(header.map(norm).join('\u001f'))}`;
}

/** The header row of a CSV text (its first record), for the mapping step. */
export function readCsvHeader(text: string, options: CsvParseOptions): string[] {
  return guard(options.fileName, () => scanCsv(text, options).header?.cells.map((c) => c.trim()) ?? []);
}

const CI_GUESSES: ReadonlyMap<string, CsvCiField> = new Map<string, CsvCiField>([
  ['id', 'id'],
  ['ciid', 'id'],
  ['faultlineid', 'id'],
  ['externalid', 'externalId'],
  ['sysid', 'externalId'],
  ['key', 'externalId'],
  ['uid', 'externalId'],
  ['uuid', 'externalId'],
  ['assetid', 'externalId'],
  ['label', 'name'],
  ['name', 'name'],
  ['ciname', 'name'],
  ['displayname', 'name'],
  ['hostname', 'name'],
  ['title', 'name'],
  ['class', 'class'],
  ['ciclass', 'class'],
  ['sysclassname', 'class'],
  ['type', 'class'],
  ['citype', 'class'],
  ['kind', 'class'],
  ['category', 'class'],
  ['environment', 'environment'],
  ['env', 'environment'],
  ['stage', 'environment'],
  ['criticality', 'criticality'],
  ['businesscriticality', 'criticality'],
  ['tier', 'criticality'],
  ['owner', 'owner'],
  ['ownedby', 'owner'],
  ['team', 'owner'],
  ['supportgroup', 'owner'],
  ['status', 'status'],
  ['state', 'status'],
  ['lifecycle', 'status'],
  ['installstatus', 'status'],
  ['tags', 'tags'],
  ['redundancyminhealthy', 'redundancy'],
  ['minhealthy', 'redundancy'],
  ['redundancy', 'redundancy'],
]);

const REL_GUESSES: ReadonlyMap<string, CsvRelationshipField> = new Map<string, CsvRelationshipField>([
  ['source', 'source'],
  ['sourceid', 'source'],
  ['from', 'source'],
  ['parent', 'source'],
  ['src', 'source'],
  ['target', 'target'],
  ['targetid', 'target'],
  ['to', 'target'],
  ['child', 'target'],
  ['dst', 'target'],
  ['relationship', 'type'],
  ['relationshiptype', 'type'],
  ['reltype', 'type'],
  ['type', 'type'],
  ['strength', 'strength'],
  ['inferred', 'inferred'],
  ['id', 'id'],
]);

const IGNORED_CI_COLUMNS: ReadonlySet<string> = new Set(['createdat', 'updatedat']);

const KEY_PREFIXES = [
  ['attr.', 'attributes.'],
  ['attributes.', 'attributes.'],
  ['attribute.', 'attributes.'],
  ['ext.', 'externalIds.'],
  ['externalids.', 'externalIds.'],
  ['externalid.', 'externalIds.'],
] as const;

/** `attr.rack` → attributes' key `rack`, `ext.servicenow` → externalIds' key `servicenow`; null for a header without such a prefix. */
function prefixedKey(header: string): { map: 'attributes.' | 'externalIds.'; key: string } | null {
  const lower = header.toLowerCase();
  for (const [prefix, map] of KEY_PREFIXES) {
    if (lower.startsWith(prefix) && header.length > prefix.length) return { map, key: header.slice(prefix.length) };
  }
  return null;
}

/**
 * For a CI column that names a key no object may have (`attr.constructor`, `__proto__`), why it
 * cannot be stored; null for any other header. Such a column is never mapped (see
 * suggestCsvMapping), and the parser reports it as left out rather than dropping it silently.
 */
export function unstorableColumn(header: string): string | null {
  const trimmed = header.trim();
  const prefixed = prefixedKey(trimmed);
  if (prefixed) return isForbiddenKey(prefixed.key) ? `"${prefixed.key}" cannot be a key of ${prefixed.map.slice(0, -1)}` : null;
  return isForbiddenKey(trimmed) ? `"${trimmed}" cannot be an attribute key` : null;
}

/** Guesses what each header column holds, and whether the file lists CIs or relationships. */
export function suggestCsvMapping(header: readonly string[], system = 'csv'): CsvMapping {
  const compacted = header.map(compact);
  const isRelationships =
    compacted.some((h) => REL_GUESSES.get(h) === 'source') && compacted.some((h) => REL_GUESSES.get(h) === 'target');
  const used = new Set<string>();
  const take = (target: string): string => {
    if (used.has(target)) return 'ignore';
    used.add(target);
    return target;
  };
  if (isRelationships) {
    // Gephi's `Type` column is the edge direction; Faultline writes the relationship type as `Relationship`.
    const hasRelationshipColumn = compacted.some((h) => h === 'relationship' || h === 'relationshiptype' || h === 'reltype');
    const columns = compacted.map((h) => {
      if (h === 'type' && hasRelationshipColumn) return 'ignore';
      const guess = REL_GUESSES.get(h);
      return guess ? take(guess) : 'ignore';
    });
    return { kind: 'relationships', key: csvHeaderKey(header), columns, system, defaultType: 'depends_on' };
  }
  const columns = header.map((raw, i) => {
    const h = compacted[i];
    const trimmed = raw.trim();
    const prefixed = prefixedKey(trimmed);
    if (prefixed) return isForbiddenKey(prefixed.key) ? 'ignore' : take(prefixed.map + prefixed.key);
    if (h === '' || IGNORED_CI_COLUMNS.has(h)) return 'ignore';
    const guess = CI_GUESSES.get(h);
    if (guess && !used.has(guess)) return take(guess);
    return isForbiddenKey(trimmed) ? 'ignore' : take(`attributes.${trimmed}`);
  });
  return { kind: 'cis', key: csvHeaderKey(header), columns, system };
}

/** Problems that make a mapping unusable for a header row (empty when it is fine). */
export function validateCsvMapping(mapping: CsvMapping, header: readonly string[]): string[] {
  const problems: string[] = [];
  if (mapping.key !== csvHeaderKey(header)) problems.push('the mapping was made for a different header row');
  if (mapping.columns.length !== header.length) {
    problems.push(`the mapping has ${mapping.columns.length} columns but the header has ${header.length}`);
  }
  if (!mapping.system || isForbiddenKey(mapping.system)) problems.push(`"${mapping.system}" cannot be a source system name`);
  const seen = new Set<string>();
  const fields: readonly string[] = mapping.kind === 'cis' ? CSV_CI_FIELDS : CSV_RELATIONSHIP_FIELDS;
  mapping.columns.forEach((target, i) => {
    if (target === 'ignore') return;
    const prefix = target.startsWith('attributes.') ? 'attributes.' : target.startsWith('externalIds.') ? 'externalIds.' : null;
    if (mapping.kind === 'cis' && prefix) {
      const key = target.slice(prefix.length);
      if (!key || isForbiddenKey(key)) problems.push(`column ${i + 1}: "${key}" cannot be a key of ${prefix.slice(0, -1)}`);
    } else if (!fields.includes(target)) {
      problems.push(`column ${i + 1}: unknown target "${target}"`);
    }
    if (seen.has(target)) problems.push(`column ${i + 1}: "${target}" is mapped twice`);
    seen.add(target);
  });
  if (mapping.kind === 'cis' && !seen.has('name')) problems.push('no column is mapped to name');
  if (mapping.kind === 'cis' && !seen.has('class') && !mapping.defaultClass) problems.push('no column is mapped to class and there is no default class');
  if (mapping.kind === 'relationships' && (!seen.has('source') || !seen.has('target'))) {
    problems.push('a relationship file needs a source and a target column');
  }
  return problems;
}

function readWithMapping(text: string, mapping: CsvMapping, options: CsvParseOptions): { header: string[]; scan: CsvScan } {
  const readOptions: CsvReadOptions = { ...options };
  const delimiter = options.delimiter ?? mapping.delimiter;
  if (delimiter !== undefined) readOptions.delimiter = delimiter;
  const scan = scanCsv(text, readOptions);
  if (!scan.header) throw new ImportError('format', { file: options.fileName }, 'the file is empty (no header row)');
  const header = scan.header.cells.map((c) => c.trim());
  const problems = validateCsvMapping(mapping, header);
  if (problems.length > 0) {
    throw new ImportError('format', { file: options.fileName, line: scan.header.line, row: 1 }, `column mapping: ${problems.join('; ')}`);
  }
  return { header, scan };
}

/** The record's cells, one per header column (missing ones empty). */
function rowCells(record: CsvRecord, width: number): string[] {
  const cells: string[] = new Array<string>(width);
  for (let i = 0; i < width; i++) cells[i] = i < record.cells.length ? restoreCell(record.cells[i]).trim() : '';
  return cells;
}

/**
 * Each record with its place in the file and its cells, as it is read. A record wider than the
 * header refuses the file (or is skipped and counted, with skipUnreadable); the unreadable rest
 * of a file and a likely cut are reported once the rows are read.
 */
function* checkedRows(scan: CsvScan, width: number, builder: BatchBuilder, options: CsvParseOptions): Generator<{ ref: SourceRef; cells: string[] }> {
  const report = { skip: (rows: number, message: string) => builder.skipUnreadable(rows, message), truncated: (message: string) => builder.truncated(message) };
  let step = scan.records.next();
  for (; !step.done; step = scan.records.next()) {
    const record = step.value;
    if (!checkRecordWidth(record, width, options, (message) => report.skip(1, message))) continue;
    yield { ref: { file: options.fileName, line: record.line, row: record.row }, cells: rowCells(record, width) };
  }
  reportCsvTable({ ...step.value, header: scan.header }, width, options.fileName, report);
}

/** Rows read between two parts handed on by parseCsvParts. */
export const CSV_PART_ROWS = 2000;

export function parseCsvCis(text: string, mapping: CsvMapping, options: CsvParseOptions): ImportBatch {
  return collectParts(parseCsvCiParts(text, mapping, options));
}

/** parseCsvCis handing on its CIs and rejections every CSV_PART_ROWS rows, so that no list of every row is held while reading. */
export function parseCsvCiParts(text: string, mapping: CsvMapping, options: CsvParseOptions): BatchParts {
  return guardSteps(options.fileName, readCsvCis(text, mapping, options));
}

function* readCsvCis(text: string, mapping: CsvMapping, options: CsvParseOptions): BatchParts {
  const { header, scan } = readWithMapping(text, mapping, options);
  const builder = new BatchBuilder('csv-cis');
  const system = mapping.system;
  const mapped = new Set(mapping.columns);
  // What each used column feeds, worked out once rather than per row.
  const used: { index: number; kind: 'field' | 'attribute' | 'externalId'; name: string }[] = [];
  mapping.columns.forEach((target, index) => {
    if (target === 'ignore') return;
    if (target.startsWith('attributes.')) used.push({ index, kind: 'attribute', name: target.slice('attributes.'.length) });
    else if (target.startsWith('externalIds.')) used.push({ index, kind: 'externalId', name: target.slice('externalIds.'.length) });
    else used.push({ index, kind: 'field', name: target });
  });
  // Columns that name a key no object may have: left out, and said so with the rows that had a value.
  const unstorable: { index: number; label: string; rows: number }[] = [];
  mapping.columns.forEach((target, index) => {
    const why = target === 'ignore' ? unstorableColumn(header[index]) : null;
    if (why) unstorable.push({ index, label: `${options.fileName} column ${index + 1} "${header[index]}" (${why})`, rows: 0 });
  });
  for (const { ref, cells } of checkedRows(scan, header.length, builder, options)) {
    if (builder.pending >= CSV_PART_ROWS) yield builder.drain();
    for (const column of unstorable) if (cells[column.index] !== '') column.rows++;
    const fields = new Map<string, string>();
    const attributes: Record<string, string> = {};
    const externalIds: Record<string, string> = {};
    let hasAttributes = false;
    for (const column of used) {
      const cell = cells[column.index];
      if (cell === '') continue;
      if (column.kind === 'attribute') {
        attributes[column.name] = cell;
        hasAttributes = true;
      } else if (column.kind === 'externalId') externalIds[column.name] = cell;
      else fields.set(column.name, cell);
    }
    const reject = (field: string, reason: string): void => builder.rejectAt(ref, 'ci', reason, { field, key: fields.get('name') });
    const name = fields.get('name');
    if (!name) {
      reject('name', 'the name is empty');
      continue;
    }
    const classCell = fields.get('class');
    const ciClass = classCell ? normalizeClass(classCell) : mapping.defaultClass;
    if (!ciClass) {
      reject('class', classCell ? `unknown class "${classCell}"` : 'the class is empty and there is no default class');
      continue;
    }
    const externalId = fields.get('externalId');
    if (externalId) externalIds[system] = externalId;
    const id = fields.get('id');
    const ci: ImportedCi = { key: externalId ?? id ?? name, system, name, class: ciClass, externalIds, sourceRef: ref };
    if (id) ci.id = id;
    if (hasAttributes) ci.attributes = attributes;
    if (id) {
      for (const [field, empty] of [
        ['environment', ''],
        ['owner', ''],
      ] as const) {
        if (mapped.has(field) && !fields.has(field)) fields.set(field, empty);
      }
      if (mapped.has('tags') && !fields.has('tags')) ci.tags = [];
      if (mapped.has('redundancy') && !fields.has('redundancy')) ci.redundancy = null;
    }
    const environment = fields.get('environment');
    if (environment !== undefined) ci.environment = environment;
    const owner = fields.get('owner');
    if (owner !== undefined) ci.owner = owner;
    const criticalityCell = fields.get('criticality');
    if (criticalityCell !== undefined) {
      const criticality = normalizeCriticality(criticalityCell);
      if (criticality === undefined) {
        reject('criticality', `criticality "${criticalityCell}" is not 1–4`);
        continue;
      }
      ci.criticality = criticality;
    }
    const statusCell = fields.get('status');
    if (statusCell !== undefined) {
      const status = normalizeStatus(statusCell);
      if (status === undefined) {
        reject('status', `status "${statusCell}" is not planned, live or retired`);
        continue;
      }
      ci.status = status;
    }
    const tagsCell = fields.get('tags');
    if (tagsCell !== undefined) ci.tags = normalizeTags(tagsCell, tagsCell.includes(';') ? /;/ : /,/);
    const redundancyCell = fields.get('redundancy');
    if (redundancyCell !== undefined) {
      const k = Number(redundancyCell);
      if (!Number.isInteger(k) || k < 1) {
        reject('redundancy', `redundancy "${redundancyCell}" is not a whole number of at least 1`);
        continue;
      }
      ci.redundancy = { minHealthy: k };
    }
    builder.addCi(ci);
  }
  for (const { label, rows } of unstorable) builder.unreadField(label, rows);
  return builder.build();
}

const TYPE_SET: ReadonlySet<string> = new Set(RELATIONSHIP_TYPES);

export function normalizeRelationshipType(value: string): RelationshipType | undefined {
  const key = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (TYPE_SET.has(key)) return key as RelationshipType;
  const aliases: Record<string, RelationshipType> = {
    dependson: 'depends_on',
    depends: 'depends_on',
    uses: 'depends_on',
    runson: 'runs_on',
    hostedon: 'hosted_on',
    connectsto: 'connects_to',
    memberof: 'member_of',
    partof: 'part_of',
  };
  const compacted = key.replace(/_/g, '');
  return Object.prototype.hasOwnProperty.call(aliases, compacted) ? aliases[compacted] : undefined;
}

const TRUE_WORDS = new Set(['true', 'yes', '1', 'y']);
const FALSE_WORDS = new Set(['false', 'no', '0', 'n']);

export function parseCsvRelationships(text: string, mapping: CsvMapping, options: CsvParseOptions): ImportBatch {
  return collectParts(parseCsvRelationshipParts(text, mapping, options));
}

/**
 * parseCsvRelationships handing on its rejections every CSV_PART_ROWS rows; the relationships
 * themselves come with the rest (a repeated one is merged into the first, which must still be there).
 */
export function parseCsvRelationshipParts(text: string, mapping: CsvMapping, options: CsvParseOptions): BatchParts {
  return guardSteps(options.fileName, readCsvRelationships(text, mapping, options));
}

function* readCsvRelationships(text: string, mapping: CsvMapping, options: CsvParseOptions): BatchParts {
  const { header, scan } = readWithMapping(text, mapping, options);
  const builder = new BatchBuilder('csv-relationships');
  let gephiTypes = 0;
  for (const { ref, cells } of checkedRows(scan, header.length, builder, options)) {
    if (builder.pending >= CSV_PART_ROWS) yield builder.drain();
    const fields = new Map<string, string>();
    mapping.columns.forEach((target, i) => {
      if (target !== 'ignore' && cells[i] !== '') fields.set(target, cells[i]);
    });
    const reject = (field: string, reason: string): void => builder.rejectAt(ref, 'relationship', reason, { field });
    const source = fields.get('source');
    const target = fields.get('target');
    if (!source || !target) {
      reject(source ? 'target' : 'source', `the ${source ? 'target' : 'source'} is empty`);
      continue;
    }
    const typeCell = fields.get('type');
    let type: RelationshipType | undefined;
    if (!typeCell || /^(un)?directed$/i.test(typeCell)) {
      if (typeCell) gephiTypes++;
      type = mapping.defaultType;
      if (!type) {
        reject('type', typeCell ? `"${typeCell}" is an edge direction, not a relationship type` : 'the type is empty');
        continue;
      }
    } else {
      type = normalizeRelationshipType(typeCell);
      if (!type) {
        reject('type', `unknown relationship type "${typeCell}" (expected one of ${RELATIONSHIP_TYPES.join(', ')})`);
        continue;
      }
    }
    let strength: Strength | undefined;
    const strengthCell = fields.get('strength');
    if (strengthCell !== undefined) {
      const s = strengthCell.toLowerCase();
      if (s !== 'hard' && s !== 'soft') {
        reject('strength', `strength "${strengthCell}" is not hard or soft`);
        continue;
      }
      strength = s;
    }
    let inferred: boolean | undefined;
    const inferredCell = fields.get('inferred');
    if (inferredCell !== undefined) {
      const v = inferredCell.toLowerCase();
      if (!TRUE_WORDS.has(v) && !FALSE_WORDS.has(v)) {
        reject('inferred', `inferred "${inferredCell}" is not true or false`);
        continue;
      }
      inferred = TRUE_WORDS.has(v);
    }
    const rel: ImportedRelationship = { source, target, system: mapping.system, type, sourceRef: ref };
    if (strength) rel.strength = strength;
    if (inferred) rel.inferred = true;
    const id = fields.get('id');
    if (id) rel.id = id;
    builder.addRelationship(rel);
  }
  if (gephiTypes > 0) builder.warn(`${gephiTypes} row(s) had an edge direction in the type column; they were read as ${mapping.defaultType}`);
  return builder.build();
}

/** Reads CIs or relationships depending on `mapping.kind`. */
export function parseCsv(text: string, mapping: CsvMapping, options: CsvParseOptions): ImportBatch {
  return collectParts(parseCsvParts(text, mapping, options));
}

/** parseCsv handing on parts as it reads (see parseCsvCiParts, parseCsvRelationshipParts). */
export function parseCsvParts(text: string, mapping: CsvMapping, options: CsvParseOptions): BatchParts {
  return mapping.kind === 'cis' ? parseCsvCiParts(text, mapping, options) : parseCsvRelationshipParts(text, mapping, options);
}
