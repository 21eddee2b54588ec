// The service's data-in-and-out operations: import preview and apply (one transaction, one
// undo step), file exports, named snapshots and their diffs, and "as of" views. service.ts
// spreads these handlers into its table; everything runs in its serialized queue.
import { basename } from 'node:path';
import { AsOfError, diffCmdb, type DiffSide } from '../../core/diff';
import { writeTextExport, type ExportScope } from '../../core/formats/export';
import {
  csvHeaderKey,
  detectImportFormat,
  ImportError,
  parseCsv,
  parseImport,
  readCsvHeader,
  suggestCsvMapping,
  validateCsvMapping,
  type ImportBatch,
} from '../../core/formats/import';
import type { CmdbEnvironment, Transaction } from '../../core/graph/cmdb';
import { CmdbGraph } from '../../core/graph/cmdb-graph';
import { documentFromCmdb } from '../../core/graph/load';
import { graphView } from '../../core/query';
import { applyPlanOps, planImport, planIsEmpty } from '../../core/reconcile';
import type { CsvMapping, ImportFormat, ImportPlan } from '../../shared/data-types';
import type { Ci } from '../../shared/model';
import {
  DEFAULT_VIEW_CAP,
  DIFF_VIEW_CAP,
  PREVIEW_LIST_CAP,
  ViewInputSchema,
  type ApiErrorBody,
  type DocumentInfo,
  type ExportedFile,
  type OperationOutput,
  type ParsedInput,
} from '../../shared/operations';
import { writeXlsx } from '../export';
import { createSnapshot, diffView, documentAsOfTime, listSnapshots, readSnapshot, SnapshotError } from '../snapshots';
import type { CmdbStore } from '../storage';
import type { AppSettings } from './settings';

export const DATA_OPERATIONS = [
  'import.preview',
  'import.apply',
  'export.file',
  'snapshot.create',
  'snapshot.list',
  'snapshot.diff',
  'history.asOf',
] as const;
export type DataOperationName = (typeof DATA_OPERATIONS)[number];

export type DataHandlers = {
  [N in DataOperationName]: (input: ParsedInput<N>) => Promise<OperationOutput<N>> | OperationOutput<N>;
};

/** What the data handlers need from the service. */
export interface DataServiceContext {
  store(): CmdbStore;
  /** Persists a transaction (reverting it if that fails), bumps the revision and notifies. */
  persist(tx: Transaction): Promise<void>;
  documentInfo(): DocumentInfo;
  env: CmdbEnvironment;
  settings(): AppSettings;
  saveSettings(settings: AppSettings): Promise<void>;
  /** The service's error type (a code and a message for the user). */
  fail(code: ApiErrorBody['code'], message: string, issues?: { path: string; message: string }[]): Error;
}

/** Previews kept at once; the oldest is dropped first. */
export const MAX_PREVIEWS = 3;
/** Remembered CSV mappings in settings.json (under `csvMappings`, by header key). */
export const MAX_REMEMBERED_MAPPINGS = 50;
const MAPPINGS_KEY = 'csvMappings';

interface Preview {
  documentPath: string;
  fileName: string;
  batch: ImportBatch;
  plan: ImportPlan;
  csv?: { headerKey: string; mapping: CsvMapping };
}

const MIME_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The plan with every list cut at `cap` items (counts untouched). */
export function capPlan(plan: ImportPlan, cap: number): { plan: ImportPlan; truncated: boolean } {
  let truncated = false;
  const cut = <T>(list: T[]): T[] => {
    if (list.length <= cap) return list;
    truncated = true;
    return list.slice(0, cap);
  };
  const capped: ImportPlan = {
    ...plan,
    cis: { create: cut(plan.cis.create), update: cut(plan.cis.update), unchanged: cut(plan.cis.unchanged), rejected: cut(plan.cis.rejected) },
    relationships: {
      create: cut(plan.relationships.create),
      update: cut(plan.relationships.update),
      unchanged: cut(plan.relationships.unchanged),
      rejected: cut(plan.relationships.rejected),
    },
    warnings: cut(plan.warnings),
  };
  return { plan: capped, truncated };
}

/** True when applying the two plans would do exactly the same (ids of new CIs aside). */
function samePlan(a: ImportPlan, b: ImportPlan): boolean {
  const ops = (plan: ImportPlan) => {
    let n = 0;
    return JSON.stringify(applyPlanOps(plan, (prefix) => `${prefix}_new_${++n}`));
  };
  return ops(a) === ops(b) && JSON.stringify(a.counts) === JSON.stringify(b.counts);
}

function describeCounts(plan: ImportPlan): string {
  const { cis, relationships } = plan.counts;
  return `${cis.create} CIs to create, ${cis.update} to update, ${relationships.create} relationships to create, ${relationships.update} to update`;
}

function rememberedMappings(settings: AppSettings): Record<string, CsvMapping> {
  const value = settings.other[MAPPINGS_KEY];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, CsvMapping>) : {};
}

function isCsvMapping(value: unknown): value is CsvMapping {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<CsvMapping>;
  return (
    (m.kind === 'cis' || m.kind === 'relationships') &&
    typeof m.system === 'string' &&
    Array.isArray(m.columns) &&
    m.columns.every((c) => typeof c === 'string')
  );
}

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
}

export interface ImportSource {
  format: ImportFormat;
  /** null when a guessed CSV mapping does not fit (see csv.problems). */
  batch: ImportBatch | null;
  csv?: { header: string[]; mapping: CsvMapping; suggested: boolean; remembered: boolean; problems: string[] };
}

/**
 * Reads an import file: detects the format unless given and runs its parser; for CSV picks the
 * mapping (given, else remembered for the header, else guessed). Throws ImportError for a file
 * that cannot be read, ImportSourceError for an unknown format or a given mapping that does not fit.
 */
export function readImportSource(content: string, options: ImportSourceOptions): ImportSource {
  const { fileName } = options;
  const format = options.format ?? detectImportFormat(fileName, content);
  if (format === null) {
    throw new ImportSourceError(`The format of ${fileName} is not recognised; choose it explicitly.`, [
      { path: 'format', message: 'not recognised; choose one' },
    ]);
  }
  if (format !== 'csv-cis' && format !== 'csv-relationships') {
    return { format, batch: parseImport(content, { fileName, format, includeAttributes: options.includeAttributes ?? false }) };
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
  const batch = parseCsv(content, mapping, { fileName });
  return { format: batch.format, batch, csv };
}

export function createDataHandlers(ctx: DataServiceContext): DataHandlers {
  const previews = new Map<string, Preview>();
  let previewCounter = 0;

  const remembered = (headerKey: string): CsvMapping | undefined => {
    const all = rememberedMappings(ctx.settings());
    const mapping = Object.hasOwn(all, headerKey) ? all[headerKey] : undefined;
    return isCsvMapping(mapping) ? mapping : undefined;
  };

  const remember = async (headerKey: string, mapping: CsvMapping): Promise<void> => {
    const settings = ctx.settings();
    const all = { ...rememberedMappings(settings) };
    delete all[headerKey];
    all[headerKey] = { ...mapping, key: headerKey };
    const keys = Object.keys(all);
    for (const key of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED_MAPPINGS))) delete all[key];
    await ctx.saveSettings({ ...settings, other: { ...settings.other, [MAPPINGS_KEY]: all } });
  };

  const importFailed = (error: ImportError): Error =>
    ctx.fail('invalid_input', `Nothing was imported: ${error.message}`, [{ path: 'content', message: error.message }]);

  const side = async (ref: string): Promise<{ label: string; content: DiffSide }> => {
    const store = ctx.store();
    if (ref === 'now') return { label: 'now', content: { cis: [...store.cmdb.graph.cis()], relationships: [...store.cmdb.graph.relationships()] } };
    try {
      const { meta, document } = await readSnapshot(store.path, ref);
      return { label: `${meta.name} (${meta.createdAt})`, content: document };
    } catch (error) {
      if (error instanceof SnapshotError) throw ctx.fail(error.kind === 'not_found' ? 'not_found' : 'io_error', error.message);
      throw error;
    }
  };

  return {
    'import.preview': (input) => {
      const store = ctx.store();
      const { fileName, content } = input;
      let source: ImportSource;
      try {
        source = readImportSource(content, {
          fileName,
          format: input.format,
          csvMapping: input.csvMapping,
          rememberedMapping: remembered,
          includeAttributes: input.includeAttributes ?? false,
        });
      } catch (error) {
        if (error instanceof ImportError) throw importFailed(error);
        if (error instanceof ImportSourceError) throw ctx.fail('invalid_input', error.message, error.issues);
        throw error;
      }
      const { format, csv } = source;
      if (source.batch === null) {
        // The mapping step: show the header and the guess, with what needs correcting; nothing to apply yet.
        return {
          previewId: null,
          fileName,
          format,
          plan: planImport(store.cmdb.graph, { format, cis: [], relationships: [], rejected: [], warnings: [] }),
          truncated: false,
          ...(csv ? { csv } : {}),
        };
      }
      const batch = source.batch;
      const csvKey = csv ? csvHeaderKey(csv.header) : undefined;
      const plan = planImport(store.cmdb.graph, batch);
      previewCounter += 1;
      const previewId = `preview_${previewCounter}_${ctx.env.newId('ci').replace(/^ci_/, '')}`;
      previews.set(previewId, {
        documentPath: store.path,
        fileName,
        batch,
        plan,
        ...(csv && csvKey ? { csv: { headerKey: csvKey, mapping: csv.mapping } } : {}),
      });
      while (previews.size > MAX_PREVIEWS) previews.delete(previews.keys().next().value as string);
      const capped = capPlan(plan, PREVIEW_LIST_CAP);
      return { previewId, fileName, format: batch.format, plan: capped.plan, truncated: capped.truncated, ...(csv ? { csv } : {}) };
    },

    'import.apply': async ({ previewId }) => {
      const store = ctx.store();
      const preview = previews.get(previewId);
      if (!preview || preview.documentPath !== store.path) {
        throw ctx.fail('not_found', 'This import preview has expired (another document was opened or newer previews replaced it); preview the file again.');
      }
      let plan = preview.plan;
      let replanned = false;
      if (store.cmdb.graph.revision !== plan.graphRevision) {
        const fresh = planImport(store.cmdb.graph, preview.batch);
        if (!samePlan(plan, fresh)) {
          previews.delete(previewId);
          throw ctx.fail(
            'conflict',
            `The CMDB changed since the preview of ${preview.fileName}, and the import would now do something else (${describeCounts(fresh)} instead of ${describeCounts(plan)}). Nothing was imported; preview the file again.`,
          );
        }
        plan = fresh;
        replanned = true;
      }
      const counts = plan.counts;
      const value = {
        created: counts.cis.create,
        updated: counts.cis.update,
        relationshipsCreated: counts.relationships.create,
        relationshipsUpdated: counts.relationships.update,
        rejected: counts.cis.rejected + counts.relationships.rejected,
        replanned,
      };
      if (!planIsEmpty(plan)) {
        const { tx } = store.cmdb.applyBatch(`Import ${preview.fileName}`, applyPlanOps(plan, (prefix) => ctx.env.newId(prefix)));
        await ctx.persist(tx);
      }
      previews.delete(previewId);
      if (preview.csv) await remember(preview.csv.headerKey, preview.csv.mapping);
      return { value, info: ctx.documentInfo() };
    },

    'export.file': async ({ format, ciIds }) => {
      const store = ctx.store();
      const graph = store.cmdb.graph;
      let cis: Ci[];
      if (ciIds) {
        cis = [];
        for (const id of ciIds) {
          const ci = graph.getCi(id);
          if (ci) cis.push(ci);
        }
      } else {
        cis = [...graph.cis()];
      }
      const scope: ExportScope = { cis, relationships: [...graph.relationships()] };
      const baseName = basename(store.path).replace(/\.faultline$/i, '') || 'faultline';
      if (format === 'xlsx') {
        const buffer = await writeXlsx(scope, { created: new Date(ctx.env.now()) });
        const file: ExportedFile = { name: `${baseName}.xlsx`, mimeType: MIME_XLSX, encoding: 'base64', content: buffer.toString('base64') };
        return { files: [file] };
      }
      const files = writeTextExport(format, scope, { baseName }).map(
        (f): ExportedFile => ({ name: f.name, mimeType: f.mediaType, encoding: 'utf8', content: f.content }),
      );
      return { files };
    },

    'snapshot.create': async ({ name }) => {
      const store = ctx.store();
      try {
        return await createSnapshot(store.path, name, documentFromCmdb(store.cmdb), new Date(ctx.env.now()));
      } catch (error) {
        if (error instanceof SnapshotError) throw ctx.fail('io_error', error.message);
        throw error;
      }
    },

    'snapshot.list': async () => {
      try {
        return await listSnapshots(ctx.store().path);
      } catch (error) {
        if (error instanceof SnapshotError) throw ctx.fail('io_error', error.message);
        throw error;
      }
    },

    'snapshot.diff': async ({ from, to }) => {
      const a = await side(from);
      const b = await side(to);
      const diff = diffCmdb(a.content, b.content);
      const view = diffView(a.content, b.content, diff, DIFF_VIEW_CAP);
      return { from: a.label, to: b.label, diff, nodes: view.nodes, edges: view.edges, truncated: view.truncated };
    },

    'history.asOf': async ({ time }) => {
      const store = ctx.store();
      let result: Awaited<ReturnType<typeof documentAsOfTime>>;
      try {
        result = await documentAsOfTime(store.path, time);
      } catch (error) {
        if (error instanceof AsOfError) {
          if (error.code === 'journal_gap') throw ctx.fail('io_error', `Cannot rebuild ${basename(store.path)} as of ${time}: ${error.message}`);
          throw ctx.fail('invalid_input', error.message, [{ path: 'time', message: error.message }]);
        }
        throw error;
      }
      const view = graphView(new CmdbGraph(result.cis, result.relationships), ViewInputSchema.parse({ nodeCap: DEFAULT_VIEW_CAP }));
      const asOf = `As of ${time} (read-only).`;
      return { ...view, notice: view.notice ? `${asOf} ${view.notice}` : asOf, time, journalSeq: result.journalSeq, readOnly: true as const };
    },
  };
}
