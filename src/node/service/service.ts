// The Faultline service: one open CMDB document and a handler for every operation of the
// contract. IPC (Electron), HTTP (browser mode) and tests all go through `dispatch`, which
// validates the input with the operation's zod schema, runs the handler in one serialized
// queue, persists every mutation before answering and turns failures into ApiErrorBody.
import { constants as fsConstants } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { z } from 'zod';
import type { CmdbEnvironment, Transaction } from '../../core/graph/cmdb';
import { CmdbError } from '../../core/graph/errors';
import { prepareCommonCause } from '../../core/incidents';
import { blastRadius, dependencies, prepareImpact, singlePointsOfFailure } from '../../core/impact';
import { ciDetails, facets, graphView, listCis, resolveCi, searchCis, subgraphView } from '../../core/query';
import { storedKinds } from '../../core/records';
import { CURRENT_SCHEMA_VERSION } from '../../shared/model';
import {
  isOperationName,
  operations,
  type ApiErrorBody,
  type ApiResult,
  type DocumentInfo,
  type OperationName,
  type OperationOutput,
  type ParsedInput,
} from '../../shared/operations';
import type { PdfPrinter } from '../export';
import { DOCUMENT_EXTENSION, SAMPLE_FILE_NAME, resolveUserPath, sampleCmdbSource, withDocumentExtension } from '../paths';
import { openCmdbStore, openReadOnlyStore, StoreOpenError, UncertainAppendError, type CmdbStore } from '../storage';
import { ensureHistoryBase } from '../snapshots';
import { createChangeHandlers } from './change-handlers';
import { createIncidentHandlers } from './incident-handlers';
import { createDataHandlers, UNQUEUED_DATA_OPERATIONS } from './data-handlers';
import { refusedDocumentPath } from './document-access';
import { createEnvironment } from './environment';
import { loadSettings, pushRecent, saveSettings, type AppSettings } from './settings';

export interface FaultlineServiceOptions {
  /** The per-user folder holding settings.json and, on first run, the sample CMDB. */
  dataDir: string;
  /** A document to open instead of the remembered one (relative paths from the working directory). */
  documentPath?: string;
  /** The OS user name: recorded in the journal as who is acting, unless a display name is set in settings. */
  actor: string;
  /** The bundled sample CMDB to copy on first run; defaults to <app root>/resources/sample-cmdb.faultline. */
  sampleSource?: string;
  /** How the CAB packet's PDF is printed: Electron's printToPDF in the desktop app; the installed Chromium when absent. */
  printPdf?: PdfPrinter;
  /** Where unexpected errors are reported; console.error by default. */
  log?: (message: string, error?: unknown) => void;
  /**
   * 'app' (default): the desktop app and browser mode — remembers recent documents in
   * settings.json, keeps the history base for "as of", prepares the impact engine when idle.
   * 'command': one command line run on `documentPath` — reads settings (the display name) but
   * writes nothing beside the document, and does no background work.
   */
  mode?: 'app' | 'command';
  /** In 'command' mode: read the document without its lock and refuse every edit (a command that only reads). */
  readOnly?: boolean;
}

export interface FaultlineService {
  dispatch(name: string, input: unknown): Promise<ApiResult>;
  /** Lets doc.* use a path the user chose outside the renderer (a native dialog, the OS opening a file). */
  allowChosenPath(path: string): void;
  documentInfo(): DocumentInfo;
  onChange(listener: (info: DocumentInfo) => void): () => void;
  close(): Promise<void>;
}

type ErrorCode = ApiErrorBody['code'];

/** A failure with a code and a message meant for the user. */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  readonly issues?: { path: string; message: string }[];

  constructor(code: ErrorCode, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.issues = issues;
  }
}

type Handlers = { [N in OperationName]: (input: ParsedInput<N>) => Promise<OperationOutput<N>> | OperationOutput<N> };

/** Quiet time after an edit (or an open) before the impact engine is prepared for the new graph. */
export const PREPARE_DELAY_MS = 300;

/** Longest the queue is held by one slice of common cause's preparation; requests run between slices. */
export const PREPARE_SLICE_MS = 20;

/**
 * Common cause is prepared only once no request but the renderer's status poll (doc.info, every
 * 2 s) has come for this long: a document opening or a user at work keeps the CPU and the queue.
 */
export const PREPARE_IDLE_MS = 1000;

/**
 * Where the core's field names sit inside an operation's input, so that a CmdbError's
 * field and a zod issue on the same field carry the same path (e.g. `ci.name`).
 */
const FIELD_PREFIX: Partial<Record<OperationName, string>> = {
  'ci.create': 'ci',
  'rel.create': 'relationship',
  'change.create': 'change',
  'ci.update': 'patch',
  'rel.update': 'patch',
  'change.update': 'patch',
};

export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
}

function describeIssues(issues: { path: string; message: string }[]): string {
  const [first] = issues;
  if (!first) return 'Invalid input';
  const head = first.path ? `${first.path}: ${first.message}` : first.message;
  return issues.length > 1 ? `${head} (and ${issues.length - 1} more)` : head;
}

function cmdbErrorBody(operation: OperationName, error: CmdbError): ApiErrorBody {
  const body: ApiErrorBody = { code: error.code, message: error.message };
  if (error.field) {
    const prefix = FIELD_PREFIX[operation];
    const path = prefix && !(error.field === 'id' && operation.endsWith('.update')) ? `${prefix}.${error.field}` : error.field;
    const own = `${error.field}: `;
    const message = error.message.startsWith(own) ? error.message.slice(own.length) : error.message;
    body.issues = [{ path, message }];
  }
  return body;
}

function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Says in words why a document could not be opened. */
export function describeOpenError(error: unknown, path: string): ServiceError {
  const name = basename(path);
  if (error instanceof ServiceError) return error;
  if (error instanceof StoreOpenError) {
    // The store's messages already name the file and say what to do.
    let message = error.message;
    if (error.movedTo && !message.includes(error.movedTo)) message += ` The file was moved aside to ${error.movedTo}.`;
    return new ServiceError(error.kind === 'locked' ? 'conflict' : 'io_error', message);
  }
  if (errnoCode(error) === 'ENOENT') return new ServiceError('not_found', `No such file: ${path}`);
  return new ServiceError('io_error', `Could not open ${name}: ${messageOf(error)}`);
}

async function pathKind(path: string): Promise<'file' | 'directory' | 'other' | 'missing'> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
  } catch (error) {
    if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR') return 'missing';
    throw error;
  }
}

/** The documents directly inside a folder, most recently modified first. */
async function listDocuments(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const docs: { path: string; mtime: number }[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(DOCUMENT_EXTENSION)) continue;
    const path = join(dir, entry.name);
    try {
      docs.push({ path, mtime: (await stat(path)).mtimeMs });
    } catch {
      // Gone between readdir and stat: not a document any more.
    }
  }
  return docs.sort((a, b) => b.mtime - a.mtime).map((d) => d.path);
}

class Service implements FaultlineService {
  private store: CmdbStore | null = null;
  private readonly env: CmdbEnvironment;
  /** The OS user name: the actor when no display name is set. */
  private readonly osActor: string;
  private readonly mode: 'app' | 'command';
  private readonly readOnly: boolean;
  private readonly dataDir: string;
  private settings: AppSettings;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly listeners = new Set<(info: DocumentInfo) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private revision = 0;
  private closed = false;
  private prepareTimer: NodeJS.Timeout | null = null;
  /** Date.now() of the last request other than doc.info (see PREPARE_IDLE_MS). */
  private lastActivityAt = 0;
  /** What the user should know about how the current document came to be open. */
  private openWarnings: string[] = [];
  private readonly chosenPaths = new Set<string>();
  private readonly handlers: Handlers;

  constructor(
    dataDir: string,
    osActor: string,
    settings: AppSettings,
    log: (message: string, error?: unknown) => void,
    mode: 'app' | 'command',
    readOnly: boolean,
    private readonly printPdf?: PdfPrinter,
  ) {
    this.dataDir = dataDir;
    this.mode = mode;
    this.readOnly = readOnly;
    this.osActor = osActor;
    this.env = createEnvironment(settings.displayName ?? osActor);
    this.settings = settings;
    this.log = log;
    this.handlers = this.createHandlers();
  }

  documentInfo(): DocumentInfo {
    const store = this.requireStore();
    const { cmdb } = store;
    return {
      path: store.path,
      title: basename(store.path),
      ciCount: cmdb.graph.ciCount,
      relationshipCount: cmdb.graph.relationshipCount,
      recordCounts: Object.fromEntries(storedKinds().map((kind) => [kind.name, kind.count(cmdb)])),
      actor: this.env.actor,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      canUndo: cmdb.canUndo,
      canRedo: cmdb.canRedo,
      undoLabel: cmdb.undoLabel,
      redoLabel: cmdb.redoLabel,
      recent: [...this.settings.recent],
      warnings: [...this.openWarnings, ...store.warnings],
      revision: this.revision,
    };
  }

  allowChosenPath(path: string): void {
    this.chosenPaths.add(resolve(path));
  }

  onChange(listener: (info: DocumentInfo) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async dispatch(name: string, input: unknown): Promise<ApiResult> {
    if (!isOperationName(name)) {
      return { ok: false, error: { code: 'unknown_operation', message: `Unknown operation: ${name}` } };
    }
    if (name !== 'doc.info') this.lastActivityAt = Date.now();
    const parsed = operations[name].input.safeParse(input);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      return { ok: false, error: { code: 'invalid_input', message: describeIssues(issues), issues } };
    }
    // The table guarantees handlers[name] accepts exactly what operations[name].input parses to;
    // TypeScript cannot correlate the two through the `name` union, hence the widening here.
    const handler = this.handlers[name] as (value: unknown) => Promise<unknown> | unknown;
    const run = async (): Promise<ApiResult> => {
      if (this.closed) return { ok: false, error: { code: 'internal', message: 'The Faultline service has been closed.' } };
      try {
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        return { ok: false, error: this.errorBody(name, error) };
      }
    };
    // Import progress, cancel and the worker-side part of a preview do not wait behind other calls.
    return UNQUEUED_DATA_OPERATIONS.has(name) ? run() : this.enqueue(run);
  }

  async close(): Promise<void> {
    this.cancelImpactPreparation();
    await this.enqueue(async () => {
      if (this.closed) return;
      this.closed = true;
      this.listeners.clear();
      const store = this.store;
      if (store) await store.close();
    });
  }

  /** Opens the document to show at start-up (see startFaultlineService). */
  async openInitial(documentPath: string | undefined, sampleSource: string): Promise<void> {
    if (documentPath !== undefined) {
      const path = resolve(documentPath);
      this.chosenPaths.add(path);
      const kind = await pathKind(path);
      if (kind !== 'file') throw new Error(kind === 'missing' ? `No such file: ${path}` : `Not a file: ${path}`);
      try {
        await this.openDocument(path, false);
      } catch (error) {
        throw new Error(describeOpenError(error, path).message, { cause: error });
      }
      return;
    }

    const warnings: string[] = [];
    const tried = new Set<string>();
    const attempt = async (path: string): Promise<boolean> => {
      if (tried.has(path)) return false;
      tried.add(path);
      try {
        await this.openDocument(path, false, warnings);
        return true;
      } catch (error) {
        if (!(error instanceof StoreOpenError) && !(error instanceof ServiceError) && errnoCode(error) === undefined) throw error;
        warnings.push(`Could not reopen ${path}: ${describeOpenError(error, path).message}`);
        return false;
      }
    };

    const last = this.settings.lastOpened;
    if (last && (await pathKind(last)) === 'file' && (await attempt(last))) return;
    const localSample = join(this.dataDir, SAMPLE_FILE_NAME);
    if ((await pathKind(localSample)) === 'file' && (await attempt(localSample))) return;

    const documents = await listDocuments(this.dataDir);
    if (documents.length === 0) {
      if ((await pathKind(sampleSource)) === 'file') {
        await copySample(sampleSource, localSample);
        if (await attempt(localSample)) return;
      } else {
        warnings.push(`The bundled sample CMDB was not found at ${sampleSource}; started an empty CMDB instead.`);
        const untitled = join(this.dataDir, `untitled${DOCUMENT_EXTENSION}`);
        try {
          await this.openDocument(untitled, true, warnings);
          return;
        } catch (error) {
          throw new Error(describeOpenError(error, untitled).message, { cause: error });
        }
      }
    }
    for (const path of documents) if (await attempt(path)) return;
    throw new Error(`Faultline could not open a document. ${warnings.join(' ')}`.trim());
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private requireStore(): CmdbStore {
    if (!this.store) throw new ServiceError('internal', 'No document is open.');
    return this.store;
  }

  private errorBody(operation: OperationName, error: unknown): ApiErrorBody {
    if (error instanceof ServiceError) {
      return error.issues ? { code: error.code, message: error.message, issues: error.issues } : { code: error.code, message: error.message };
    }
    if (error instanceof CmdbError) return cmdbErrorBody(operation, error);
    this.log(`Faultline: ${operation} failed unexpectedly`, error);
    return { code: 'internal', message: `${operation} failed unexpectedly: ${messageOf(error)}` };
  }

  private emitChange(): void {
    if (this.listeners.size === 0) return;
    const info = this.documentInfo();
    for (const listener of this.listeners) {
      try {
        listener(info);
      } catch (error) {
        this.log('Faultline: a change listener failed', error);
      }
    }
  }

  /**
   * Opens `path` and makes it the current document; the previous one is closed only once
   * the new one is open, so a failed open leaves the current document as it was.
   */
  private async openDocument(path: string, createIfMissing: boolean, warnings: string[] = []): Promise<void> {
    // "As of" replays from the checkpoint as first opened: keep a copy before anything compacts it.
    await this.keepHistoryBase(path);
    const store = this.readOnly ? await openReadOnlyStore(path, this.env) : await openCmdbStore(path, { env: this.env, createIfMissing });
    await this.keepHistoryBase(store.path);
    const previous = this.store;
    this.store = store;
    this.openWarnings = [...warnings];
    this.revision += 1;
    if (previous) {
      await previous.close().catch((error: unknown) => this.log(`Faultline: closing ${previous.path} failed`, error));
    }
    this.settings = { ...this.settings, recent: pushRecent(this.settings.recent, store.path), lastOpened: store.path };
    await this.writeSettings();
    this.emitChange();
    this.prepareImpactWhenIdle();
  }

  private async keepHistoryBase(path: string): Promise<void> {
    if (this.mode === 'command') return;
    try {
      await ensureHistoryBase(path);
    } catch (error) {
      this.log(`Faultline: could not keep the history base of ${path}`, error);
    }
  }

  private async writeSettings(): Promise<void> {
    if (this.mode === 'command') return;
    try {
      await saveSettings(this.dataDir, this.settings);
    } catch (error) {
      this.log('Faultline: could not save settings.json', error);
      this.openWarnings.push(`Could not save the recent-files list: ${messageOf(error)}`);
    }
  }

  /** Makes a transaction durable, or takes it back and says so. */
  private async persist(tx: Transaction): Promise<void> {
    const store = this.requireStore();
    try {
      await store.persist(tx);
    } catch (error) {
      store.cmdb.revert(tx);
      this.log(`Faultline: could not persist "${tx.label}"`, error);
      if (error instanceof UncertainAppendError) {
        // The disk failed, then failed again as the record was cut back: it may be in the file.
        throw new ServiceError(
          'io_error',
          `Could not save "${tx.label}" (${messageOf(error)}). It is undone here but may still be in the file: Faultline cuts it off before the next save and on closing; if the disk fails again, the document may show it when opened again.`,
        );
      }
      throw new ServiceError('io_error', `Could not save "${tx.label}" (${messageOf(error)}); the change was not applied.`);
    }
    this.revision += 1;
    this.emitChange();
    this.prepareImpactWhenIdle();
  }

  /**
   * Once edits have paused for PREPARE_DELAY_MS, builds in the queue what the next impact query
   * on the changed graph needs (prepareImpact): the user's first simulation after an edit then
   * answers as fast as the ones after it, instead of paying for the rebuild (at 100k CIs about
   * 100 ms, more when nothing has rebuilt the indexes yet). A burst of edits, an import or
   * undo/redo, prepares once. Common cause is prepared next, in slices (prepareCommonCauseSlices).
   */
  private prepareImpactWhenIdle(): void {
    this.cancelImpactPreparation();
    if (this.mode === 'command') return;
    const revision = this.revision;
    this.prepareTimer = setTimeout(() => {
      this.prepareTimer = null;
      this.enqueue(async () => {
        if (!this.closed && this.store) prepareImpact(this.store.cmdb.graph);
      })
        .then(() => this.prepareCommonCauseSlices(revision))
        .catch((error: unknown) => this.log('Faultline: preparing the impact engine failed', error));
    }, PREPARE_DELAY_MS);
    this.prepareTimer.unref();
  }

  /**
   * Prepares common cause for the graph of `revision` (its tables and the blast radii of the CIs
   * that hurt the most services: prepare-common-cause.ts), one slice of at most PREPARE_SLICE_MS
   * per turn of the queue, so a request waits for one slice at most, and only while the user is
   * idle (PREPARE_IDLE_MS); it stops at the next edit, which prepares again once edits pause.
   */
  private prepareCommonCauseSlices(revision: number): void {
    const current = () => !this.closed && this.store !== null && this.revision === revision;
    if (!current()) return;
    const wait = this.lastActivityAt + PREPARE_IDLE_MS - Date.now();
    if (wait > 0) {
      this.prepareTimer = setTimeout(() => {
        this.prepareTimer = null;
        this.prepareCommonCauseSlices(revision);
      }, wait);
      this.prepareTimer.unref();
      return;
    }
    setImmediate(() => {
      this.enqueue(async () => (current() && this.store ? prepareCommonCause(this.store.cmdb.graph, { budgetMs: PREPARE_SLICE_MS }) : false))
        .then((more) => {
          if (more) this.prepareCommonCauseSlices(revision);
        })
        .catch((error: unknown) => this.log('Faultline: preparing common cause failed', error));
    });
  }

  private cancelImpactPreparation(): void {
    if (this.prepareTimer) clearTimeout(this.prepareTimer);
    this.prepareTimer = null;
  }

  /** The absolute path a doc.* operation names, if it is one the user could mean (document-access.ts). */
  private documentPathFor(input: string, isNew: boolean): string {
    const resolved = resolveUserPath(input, this.dataDir);
    const path = isNew ? withDocumentExtension(resolved) : resolved;
    const refused = refusedDocumentPath(path, { dataDir: this.dataDir, recent: this.settings.recent, chosen: this.chosenPaths });
    if (refused) throw new ServiceError('invalid_input', refused, [{ path: 'path', message: 'not a document path Faultline may open' }]);
    return path;
  }

  private createHandlers(): Handlers {
    const graph = () => this.requireStore().cmdb.graph;
    const cmdb = () => this.requireStore().cmdb;
    return {
      'doc.info': () => this.documentInfo(),
      'doc.new': async ({ path: input }) => {
        const path = this.documentPathFor(input, true);
        if ((await pathKind(path)) !== 'missing') {
          throw new ServiceError('conflict', `${path} already exists; choose another name.`, [{ path: 'path', message: 'already exists' }]);
        }
        try {
          await this.openDocument(path, true);
        } catch (error) {
          throw describeOpenError(error, path);
        }
        return this.documentInfo();
      },
      'doc.open': async ({ path: input }) => {
        const path = this.documentPathFor(input, false);
        const current = this.requireStore();
        if (resolve(current.path) === path) return this.documentInfo();
        const kind = await pathKind(path);
        const stillOpen = ` ${basename(current.path)} is still open.`;
        if (kind === 'missing') throw new ServiceError('not_found', `No such file: ${path}.${stillOpen}`, [{ path: 'path', message: 'no such file' }]);
        if (kind !== 'file') throw new ServiceError('invalid_input', `${path} is not a file.${stillOpen}`, [{ path: 'path', message: 'not a file' }]);
        try {
          await this.openDocument(path, false);
        } catch (error) {
          const described = describeOpenError(error, path);
          throw new ServiceError(described.code, `${described.message}${stillOpen}`);
        }
        return this.documentInfo();
      },
      'doc.saveCopy': async ({ path: input }) => {
        const store = this.requireStore();
        const path = this.documentPathFor(input, true);
        if (path === resolve(store.path)) {
          throw new ServiceError('invalid_input', 'Choose a different file than the open document.', [{ path: 'path', message: 'is the open document' }]);
        }
        if ((await pathKind(path)) !== 'missing') {
          throw new ServiceError('conflict', `${path} already exists; choose another name.`, [{ path: 'path', message: 'already exists' }]);
        }
        try {
          await store.saveCopy(path);
        } catch (error) {
          throw new ServiceError('io_error', `Could not save a copy to ${path}: ${messageOf(error)}`);
        }
        this.settings = { ...this.settings, recent: pushRecent(this.settings.recent, path) };
        await this.writeSettings();
        return { path };
      },
      'view.graph': (input) => graphView(graph(), input),
      'view.subgraph': (input) => subgraphView(graph(), input),
      'view.facets': () => facets(graph()),
      'ci.get': ({ id }) => ciDetails(graph(), id),
      'ci.list': (input) => listCis(graph(), input),
      'ci.resolve': ({ ref }) => resolveCi(graph(), ref),
      'ci.search': ({ query, limit }) => searchCis(graph(), query, limit),
      'ci.create': async ({ ci: input }) => {
        const { ci, tx } = cmdb().createCi(input);
        await this.persist(tx);
        return { value: ci, info: this.documentInfo() };
      },
      'ci.update': async ({ id, patch }) => {
        const { ci, tx } = cmdb().updateCi(id, patch);
        await this.persist(tx);
        return { value: ci, info: this.documentInfo() };
      },
      'ci.delete': async ({ id }) => {
        const { deletedRelationships, tx } = cmdb().deleteCi(id);
        await this.persist(tx);
        return { value: { deletedRelationships }, info: this.documentInfo() };
      },
      'rel.create': async ({ relationship: input }) => {
        const { relationship, tx } = cmdb().createRelationship(input);
        await this.persist(tx);
        return { value: relationship, info: this.documentInfo() };
      },
      'rel.update': async ({ id, patch }) => {
        const { relationship, tx } = cmdb().updateRelationship(id, patch);
        await this.persist(tx);
        return { value: relationship, info: this.documentInfo() };
      },
      'rel.delete': async ({ id }) => {
        const { tx } = cmdb().deleteRelationship(id);
        await this.persist(tx);
        return { value: null, info: this.documentInfo() };
      },
      'settings.setDisplayName': async ({ name }) => {
        this.settings = { ...this.settings, displayName: name };
        this.env.actor = name ?? this.osActor;
        await this.writeSettings();
        this.emitChange();
        return this.documentInfo();
      },
      'history.undo': async () => {
        const tx = cmdb().undo();
        if (tx) await this.persist(tx);
        return this.documentInfo();
      },
      'history.redo': async () => {
        const tx = cmdb().redo();
        if (tx) await this.persist(tx);
        return this.documentInfo();
      },
      'impact.blastRadius': (input) => blastRadius(graph(), input),
      'impact.dependencies': ({ ciId, maxDepth }) => dependencies(graph(), ciId, maxDepth),
      'impact.spof': ({ serviceId }) => singlePointsOfFailure(graph(), serviceId),
      ...createChangeHandlers({ cmdb, persist: (tx) => this.persist(tx), documentInfo: () => this.documentInfo(), printPdf: this.printPdf }),
      ...createIncidentHandlers({ cmdb, persist: (tx) => this.persist(tx), documentInfo: () => this.documentInfo() }),
      ...createDataHandlers({
        store: () => this.requireStore(),
        persist: (tx) => this.persist(tx),
        documentInfo: () => this.documentInfo(),
        env: this.env,
        settings: () => this.settings,
        saveSettings: async (settings) => {
          this.settings = settings;
          await this.writeSettings();
        },
        serialized: (task) =>
          this.enqueue(async () => {
            if (this.closed) throw new ServiceError('internal', 'The Faultline service has been closed.');
            return task();
          }),
        readsSourceFiles: this.mode === 'command',
        fail: (code, message, issues) => new ServiceError(code, message, issues),
      }),
    };
  }
}

/** Copies the bundled sample (and its journal, if it has one) into the data folder, never over an existing file. */
async function copySample(source: string, destination: string): Promise<void> {
  await copyFile(source, destination, fsConstants.COPYFILE_EXCL);
  const journal = `${source}.journal`;
  if ((await pathKind(journal)) === 'file') await copyFile(journal, `${destination}.journal`, fsConstants.COPYFILE_EXCL);
}

/**
 * Starts the service on a data folder: opens `documentPath` if given, else the document
 * last opened, else the sample in the data folder; on first run (no documents in the
 * folder) the bundled sample CMDB is copied there first.
 */
export async function startFaultlineService(options: FaultlineServiceOptions): Promise<FaultlineService> {
  const dataDir = resolve(options.dataDir);
  if (options.mode !== 'command') await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const { settings, problem } = await loadSettings(dataDir);
  if (problem) log(`Faultline: ${problem}`);
  const mode = options.mode ?? 'app';
  const service = new Service(dataDir, options.actor, settings, log, mode, mode === 'command' && options.readOnly === true, options.printPdf);
  await service.openInitial(options.documentPath, options.sampleSource ?? defaultSampleSource());
  return service;
}

function defaultSampleSource(): string {
  try {
    return sampleCmdbSource();
  } catch {
    // No app root above this module (a packaged app must pass sampleSource): look beside the working directory.
    return resolve('resources', SAMPLE_FILE_NAME);
  }
}
