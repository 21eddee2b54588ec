// The service's data-in-and-out operations: import preview and apply (one transaction, one
// undo step), file exports, named snapshots and their diffs, and "as of" views. service.ts
// spreads these handlers into its table; everything runs in its serialized queue.
import { basename } from 'node:path';
import { AsOfError, diffCmdb, type DiffSide } from '../../core/diff';
import { writeTextExportSteps, type ExportScope } from '../../core/formats/export';
import { csvHeaderKey, ImportError, type ImportBatch } from '../../core/formats/import';
import type { CmdbEnvironment, Transaction } from '../../core/graph/cmdb';
import { CmdbGraph } from '../../core/graph/cmdb-graph';
import { documentFromCmdb, recordsOf } from '../../core/graph/load';
import { graphView } from '../../core/query';
import { CHANGE_KIND_NAME } from '../../core/changes';
import { incidentSettingsOf, INCIDENT_KIND_NAME, PROBLEM_KIND_NAME } from '../../core/incidents';
import type { Cmdb } from '../../core/graph/cmdb';
import { applyPlanOps, planImport, planImportSteps, planIsEmpty, type PlanContext } from '../../core/reconcile';
import type { Change } from '../../shared/changes';
import type { Incident, Problem } from '../../shared/incidents';
import { runInSlices } from '../steps/run-in-slices';
import type { CsvMapping, ImportJobPhase, ImportJobProgress, ImportPlan } from '../../shared/data-types';
import type { Ci } from '../../shared/model';
import {
  DEFAULT_VIEW_CAP,
  DIFF_VIEW_CAP,
  CsvMappingSchema,
  PREVIEW_LIST_CAP,
  ViewInputSchema,
  type ApiErrorBody,
  type DocumentInfo,
  type ExportedFile,
  type OperationName,
  type OperationOutput,
  type ParsedInput,
} from '../../shared/operations';
import { writeXlsx, XLSX_MIME_TYPE } from '../export';
import { ImportCancelledError, ImportSourceError, readBackstageCatalog, startParseJob, type ImportSource, type WorkerProgress } from '../import-worker';
import { createSnapshot, diffView, documentAsOfTime, listSnapshots, readSnapshot, SnapshotError } from '../snapshots';
import type { CmdbStore } from '../storage';
import type { AppSettings } from './settings';

/** The operations this file handles: imports, exports, snapshots and "as of" views. */
export type DataOperationName = Extract<OperationName, `import.${string}` | `export.${string}` | `snapshot.${string}` | 'history.asOf'>;

/**
 * Operations the service calls outside its serialized queue: `import.progress` and
 * `import.cancel` only read or stop in-memory jobs, and `import.preview` parses in a worker
 * first and queues its own planning step (ctx.serialized), so other calls are answered meanwhile.
 */
export const UNQUEUED_DATA_OPERATIONS: ReadonlySet<string> = new Set<DataOperationName>(['import.preview', 'import.progress', 'import.cancel']);

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
  /** Runs a task in the service's serialized queue (after the calls already waiting). */
  serialized<T>(task: () => Promise<T> | T): Promise<T>;
  /** True in the command line's service: import.preview may read a Backstage root's Location targets from disk. */
  readsSourceFiles: boolean;
  /** The service's error type (a code and a message for the user). */
  fail(code: ApiErrorBody['code'], message: string, issues?: { path: string; message: string }[]): Error;
}

/** Previews kept at once; the oldest is dropped first. */
export const MAX_PREVIEWS = 3;
/** Remembered CSV mappings in settings.json (under `csvMappings`, by header key). */
export const MAX_REMEMBERED_MAPPINGS = 50;
const MAPPINGS_KEY = 'csvMappings';
/** Finished import jobs whose last progress is still answered; the oldest is forgotten first. */
export const MAX_FINISHED_JOBS = 20;
/** Previews parsed at once (each one is a worker thread holding its file). */
export const MAX_RUNNING_JOBS = 4;

/** One import preview as `import.progress` reports it. */
interface ImportJob {
  progress: ImportJobProgress;
  /** Stops the job: terminates the worker while parsing, or skips the planning step still waiting in the queue. */
  cancel(): void;
  cancelled: boolean;
}

const RUNNING_PHASES: ReadonlySet<ImportJobPhase> = new Set(['starting', 'parsing', 'receiving', 'planning']);

/** The share of the whole preview done when each phase starts: parsing is most of it, then the hand-over, then planning. */
const PHASE_SPAN: Record<'parsing' | 'receiving', [number, number]> = { parsing: [0, 0.7], receiving: [0.7, 0.85] };
const PLANNING_FRACTION = 0.85;

interface Preview {
  documentPath: string;
  fileName: string;
  batch: ImportBatch;
  plan: ImportPlan;
  csv?: { headerKey: string; mapping: CsvMapping };
}

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
    changes: { create: cut(plan.changes.create), update: cut(plan.changes.update), unchanged: cut(plan.changes.unchanged), rejected: cut(plan.changes.rejected) },
    incidents: { create: cut(plan.incidents.create), update: cut(plan.incidents.update), unchanged: cut(plan.incidents.unchanged), rejected: cut(plan.incidents.rejected) },
    problems: { create: cut(plan.problems.create), update: cut(plan.problems.update), unchanged: cut(plan.problems.unchanged), rejected: cut(plan.problems.rejected) },
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
  const { cis, relationships, changes, incidents, problems } = plan.counts;
  const records = ([['change requests', changes], ['incidents', incidents], ['problems', problems]] as const)
    .filter(([, c]) => c.create + c.update > 0)
    .map(([label, c]) => `, ${c.create} ${label} to create, ${c.update} to update`)
    .join('');
  return `${cis.create} CIs to create, ${cis.update} to update, ${relationships.create} relationships to create, ${relationships.update} to update${records}`;
}

/** What a plan reads besides the graph: the document's change requests, incidents and problems (imported ones are matched by number). */
function planContext(cmdb: Cmdb): PlanContext {
  return {
    changes: [...cmdb.records.list(CHANGE_KIND_NAME)] as Change[],
    incidents: [...cmdb.records.list(INCIDENT_KIND_NAME)] as Incident[],
    problems: [...cmdb.records.list(PROBLEM_KIND_NAME)] as Problem[],
    incidentSettings: incidentSettingsOf(cmdb).settings,
  };
}

function rememberedMappings(settings: AppSettings): Record<string, CsvMapping> {
  const value = settings.other[MAPPINGS_KEY];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, CsvMapping>) : {};
}

// Reading a file moved to the import worker's folder (it runs there); the CLI still imports it from here.

/** A worker's progress as the job's progress over the whole preview. */
export function jobProgress(jobId: string, progress: WorkerProgress): ImportJobProgress {
  const [from, to] = PHASE_SPAN[progress.phase];
  const fraction = from + (to - from) * Math.min(1, Math.max(0, progress.fraction));
  return {
    jobId,
    phase: progress.phase,
    fraction,
    ...(progress.unit ? { unit: progress.unit } : {}),
    ...(progress.done !== undefined ? { done: progress.done } : {}),
    ...(progress.total !== undefined ? { total: progress.total } : {}),
  };
}

export function createDataHandlers(ctx: DataServiceContext): DataHandlers {
  const previews = new Map<string, Preview>();
  let previewCounter = 0;
  const jobs = new Map<string, ImportJob>();
  let jobCounter = 0;

  const endJob = (job: ImportJob, phase: 'finished' | 'failed' | 'cancelled'): void => {
    job.progress = { jobId: job.progress.jobId, phase, fraction: phase === 'finished' ? 1 : job.progress.fraction };
    // Forget the oldest finished jobs beyond the cap (running ones are always kept).
    const finished = [...jobs.entries()].filter(([, j]) => !RUNNING_PHASES.has(j.progress.phase));
    for (const [id] of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_JOBS))) jobs.delete(id);
  };

  const rememberedForWorker = (): Record<string, CsvMapping> => {
    const out: Record<string, CsvMapping> = {};
    for (const [key, value] of Object.entries(rememberedMappings(ctx.settings()))) {
      const parsed = CsvMappingSchema.safeParse(value);
      if (parsed.success) out[key] = parsed.data;
    }
    return out;
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

  // A syntax error may leave a readable part: the issue on `skipUnreadable` says it can be previewed.
  const importFailed = (error: ImportError, skipping: boolean): Error =>
    ctx.fail('invalid_input', `Nothing was imported: ${error.message}`, [
      { path: 'content', message: error.message },
      ...(error.code === 'syntax' && !skipping ? [{ path: 'skipUnreadable', message: 'the readable part of the file can be previewed' }] : []),
    ]);

  const side = async (ref: string): Promise<{ label: string; content: DiffSide }> => {
    const store = ctx.store();
    if (ref === 'now') {
      return { label: 'now', content: { cis: [...store.cmdb.graph.cis()], relationships: [...store.cmdb.graph.relationships()], records: recordsOf(store.cmdb) } };
    }
    try {
      const { meta, document } = await readSnapshot(store.path, ref);
      return { label: `${meta.name} (${meta.createdAt})`, content: document };
    } catch (error) {
      if (error instanceof SnapshotError) throw ctx.fail(error.kind === 'not_found' ? 'not_found' : 'io_error', error.message);
      throw error;
    }
  };

  /**
   * The planning step of a preview (in the queue: it reads the live graph, which only queued
   * calls change, so it holds still while planning pauses for other reads).
   */
  const planPreview = async (fileName: string, source: ImportSource, listCap: number): Promise<OperationOutput<'import.preview'>> => {
    const store = ctx.store();
    const { format, csv } = source;
    if (source.batch === null) {
      // The mapping step: show the header and the guess, with what needs correcting; nothing to apply yet.
      return {
        previewId: null,
        fileName,
        format,
        plan: planImport(store.cmdb.graph, { format, cis: [], relationships: [], rejected: [], warnings: [] }, planContext(store.cmdb)),
        truncated: false,
        ...(csv ? { csv } : {}),
      };
    }
    const batch = source.batch;
    const csvKey = csv ? csvHeaderKey(csv.header) : undefined;
    const plan = await runInSlices(planImportSteps(store.cmdb.graph, batch, planContext(store.cmdb)));
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
    const capped = capPlan(plan, listCap);
    return { previewId, fileName, format: batch.format, plan: capped.plan, truncated: capped.truncated, ...(csv ? { csv } : {}) };
  };

  return {
    'import.preview': async (input) => {
      const { fileName, content } = input;
      if (input.sourcePath !== undefined && !ctx.readsSourceFiles) {
        throw ctx.fail('invalid_input', 'sourcePath: only the command line reads files by path', [{ path: 'sourcePath', message: 'only the command line reads files by path' }]);
      }
      const jobId = input.jobId ?? `import_${++jobCounter}`;
      const running = jobs.get(jobId);
      if (running && RUNNING_PHASES.has(running.progress.phase)) {
        throw ctx.fail('conflict', `An import preview with job id ${jobId} is already running.`, [{ path: 'jobId', message: 'already running' }]);
      }
      if ([...jobs.values()].filter((j) => RUNNING_PHASES.has(j.progress.phase)).length >= MAX_RUNNING_JOBS) {
        throw ctx.fail('conflict', `${MAX_RUNNING_JOBS} imports are already being previewed; wait for one to finish or cancel it.`);
      }
      const cancelled = (): Error => ctx.fail('cancelled', new ImportCancelledError(fileName).message);
      const parse = startParseJob(
        {
          content,
          fileName,
          ...(input.format ? { format: input.format } : {}),
          ...(input.csvMapping ? { csvMapping: input.csvMapping } : {}),
          rememberedMappings: rememberedForWorker(),
          includeAttributes: input.includeAttributes ?? false,
          skipUnreadable: input.skipUnreadable ?? false,
        },
        (progress) => {
          if (RUNNING_PHASES.has(job.progress.phase)) job.progress = jobProgress(jobId, progress);
        },
      );
      const job: ImportJob = {
        progress: { jobId, phase: 'starting', fraction: 0 },
        cancelled: false,
        cancel: () => {
          job.cancelled = true;
          parse.cancel();
        },
      };
      jobs.delete(jobId);
      jobs.set(jobId, job);
      let source: ImportSource;
      try {
        // Off the queue: other calls are answered while the worker parses.
        source = await parse.result;
        if (input.sourcePath !== undefined && source.format === 'backstage') {
          source = { ...source, batch: await readBackstageCatalog(input.sourcePath, content, { skipUnreadable: input.skipUnreadable ?? false }) };
        }
      } catch (error) {
        endJob(job, error instanceof ImportCancelledError ? 'cancelled' : 'failed');
        if (error instanceof ImportCancelledError) throw cancelled();
        if (error instanceof ImportError) throw importFailed(error, input.skipUnreadable === true);
        if (error instanceof ImportSourceError) throw ctx.fail('invalid_input', error.message, error.issues);
        throw error;
      }
      if (job.cancelled) {
        endJob(job, 'cancelled');
        throw cancelled();
      }
      job.progress = { jobId, phase: 'planning', fraction: PLANNING_FRACTION };
      try {
        const preview = await ctx.serialized(() => {
          if (job.cancelled) throw cancelled();
          return planPreview(fileName, source, input.listCap ?? PREVIEW_LIST_CAP);
        });
        endJob(job, 'finished');
        return preview;
      } catch (error) {
        endJob(job, job.cancelled ? 'cancelled' : 'failed');
        throw error;
      }
    },

    'import.progress': ({ jobId }) => jobs.get(jobId)?.progress ?? { jobId, phase: 'unknown', fraction: 0 },

    'import.cancel': ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job || !RUNNING_PHASES.has(job.progress.phase) || job.cancelled) return { cancelled: false };
      job.cancel();
      return { cancelled: true };
    },

    'import.apply': async ({ previewId }) => {
      const store = ctx.store();
      const preview = previews.get(previewId);
      if (!preview || preview.documentPath !== store.path) {
        throw ctx.fail('not_found', 'This import preview has expired (another document was opened or newer previews replaced it); preview the file again.');
      }
      let plan = preview.plan;
      let replanned = false;
      // graphRevision follows CIs and relationships only: a file with change requests, incidents or
      // problems is planned again in any case, since the document's records may have moved since the preview.
      const { changes, incidents, problems } = preview.batch;
      const hasChanges = (changes?.length ?? 0) + (incidents?.length ?? 0) + (problems?.length ?? 0) > 0;
      if (store.cmdb.graph.revision !== plan.graphRevision || hasChanges) {
        const fresh = await runInSlices(planImportSteps(store.cmdb.graph, preview.batch, planContext(store.cmdb)));
        if (!samePlan(plan, fresh)) {
          previews.delete(previewId);
          throw ctx.fail(
            'conflict',
            `The CMDB changed since the preview of ${preview.fileName}, and the import would now do something else (${describeCounts(fresh)} instead of ${describeCounts(plan)}). Nothing was imported; preview the file again.`,
          );
        }
        replanned = store.cmdb.graph.revision !== plan.graphRevision;
        plan = fresh;
      }
      const counts = plan.counts;
      const value = {
        created: counts.cis.create,
        updated: counts.cis.update,
        relationshipsCreated: counts.relationships.create,
        relationshipsUpdated: counts.relationships.update,
        changesCreated: counts.changes.create,
        changesUpdated: counts.changes.update,
        incidentsCreated: counts.incidents.create,
        incidentsUpdated: counts.incidents.update,
        problemsCreated: counts.problems.create,
        problemsUpdated: counts.problems.update,
        rejected: counts.cis.rejected + counts.relationships.rejected + counts.changes.rejected + counts.incidents.rejected + counts.problems.rejected,
        replanned,
        leftOut: plan.leftOut,
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
        const file: ExportedFile = { name: `${baseName}.xlsx`, mimeType: XLSX_MIME_TYPE, encoding: 'base64', content: buffer.toString('base64') };
        return { files: [file] };
      }
      // A whole-CMDB JSON snapshot carries the other record kinds too; a partial one (CIs on screen) cannot say which belong.
      const json = ciIds ? {} : { records: recordsOf(store.cmdb) };
      const files = (await runInSlices(writeTextExportSteps(format, scope, { baseName, json }))).map(
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
