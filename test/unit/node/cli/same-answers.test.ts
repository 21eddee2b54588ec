// The command line's in-process client and browser mode's HTTP adapter are both thin: the
// same operation, on the same document, gives the same answer through either. One table entry
// per operation of the contract (a new operation fails to typecheck until it has one).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessClient, OperationFailed } from '../../../../src/node/cli/client';
import { startFaultlineServer, type FaultlineServer } from '../../../../src/node/server';
import { typedArraysAsLists } from '../../../../src/node/server/server';
import { startFaultlineService, type FaultlineService } from '../../../../src/node/service';
import { OPERATION_NAMES, type ApiResult, type OperationName } from '../../../../src/shared/operations';
import { DEFAULT_RISK_WEIGHTS } from '../../../../src/shared/risk';
import { tempDir, writeDocument } from '../service/fixture';

/** What one side has answered so far, for inputs that depend on an earlier answer (a preview id, a snapshot id). */
type Answers = Partial<Record<OperationName, ApiResult>>;
type Input = unknown | ((answers: Answers, dir: string) => unknown);

const CSV = 'Name,Class\nbilling-db,database\n';
const valueOf = (answer: ApiResult | undefined): Record<string, unknown> => (answer?.ok ? (answer.value as Record<string, unknown>) : {});

/** Operations whose call in this sequence is refused (a vote on a change not under review): the refusal must be the same too. */
const REFUSED: ReadonlySet<OperationName> = new Set(['change.vote']);

const changeId = (answers: Answers): unknown => (valueOf(answers['change.create']).value as { change: { id: string } } | undefined)?.change.id;

const incidentId = (answers: Answers): unknown => (valueOf(answers['incident.create']).value as { incident: { id: string } } | undefined)?.incident.id;
const problemId = (answers: Answers): unknown => (valueOf(answers['problem.create']).value as { problem: { id: string } } | undefined)?.problem.id;

/** In the order they run; the document-switching ones last. */
const CALLS: { [N in OperationName]: Input } = {
  'doc.info': {},
  'view.graph': {},
  'view.subgraph': { ciIds: ['app_web'], contextHops: 1 },
  'view.facets': {},
  'ci.get': { id: 'db_orders' },
  'ci.list': { classes: ['server'] },
  'ci.resolve': { ref: 'ORDERS-DB' },
  'ci.search': { query: 'host' },
  'ci.create': { ci: { id: 'app_pay', name: 'Payments', class: 'application' } },
  'ci.update': { id: 'app_pay', patch: { owner: 'payments-team', criticality: 1 } },
  'rel.create': { relationship: { id: 'rel_pay_db', source: 'app_pay', target: 'db_orders', type: 'depends_on' } },
  'rel.update': { id: 'rel_pay_db', patch: { strength: 'soft' } },
  'rel.delete': { id: 'rel_pay_db' },
  'ci.delete': { id: 'app_pay' },
  'history.undo': {},
  'history.redo': {},
  'settings.setDisplayName': { name: 'Same Answers' },
  'change.create': {
    change: { title: 'Patch orders-db', targets: [{ ciId: 'db_orders', mode: 'down' }], window: { start: '2026-03-01T01:00:00.000Z', end: '2026-03-01T03:00:00.000Z' } },
  },
  'change.update': (answers: Answers) => ({ id: changeId(answers), patch: { implementer: 'dba-team' } }),
  'change.transition': (answers: Answers) => ({ id: changeId(answers), to: 'assessed' }),
  'change.vote': (answers: Answers) => ({ id: changeId(answers), vote: 'approve' }),
  'change.get': (answers: Answers) => ({ id: changeId(answers) }),
  'change.list': {},
  'change.export': { format: 'csv' },
  'change.report': (answers: Answers) => ({ id: changeId(answers), format: 'md' }),
  'change.recompute': (answers: Answers) => ({ id: changeId(answers) }),
  'change.calendar': { from: '2026-02-28T00:00:00.000Z', to: '2026-03-07T00:00:00.000Z' },
  'window.create': {
    window: { name: 'DB Sundays', kind: 'maintenance', ciIds: ['db_orders'], timeZone: 'Europe/Paris', schedule: { type: 'weekly', weekdays: [0], startTime: '01:00', endTime: '05:00' } },
  },
  'window.update': (answers: Answers) => ({ id: (valueOf(answers['window.create']).value as { id: string } | undefined)?.id, patch: { description: 'the database tier' } }),
  'window.list': {},
  'window.delete': (answers: Answers) => ({ id: (valueOf(answers['window.create']).value as { id: string } | undefined)?.id }),
  'risk.setWeights': { weights: { ...DEFAULT_RISK_WEIGHTS, perConflict: 7 } },
  'risk.getWeights': {},
  'incident.create': { incident: { title: 'Checkout errors', affectedCiIds: ['db_orders'], urgency: 1 } },
  'incident.update': (answers: Answers) => ({ id: incidentId(answers), patch: { description: 'HTTP 500 on pay' } }),
  'incident.transition': (answers: Answers) => ({ id: incidentId(answers), to: 'in_progress' }),
  'incident.get': (answers: Answers) => ({ id: incidentId(answers) }),
  'incident.list': { statuses: ['in_progress'] },
  'incident.commonCause': {},
  'incident.setSettings': { settings: null },
  'incident.getSettings': {},
  'problem.create': (answers: Answers) => ({ problem: { title: 'orders-db saturates', incidentIds: [incidentId(answers)], rootCauseCiId: 'db_orders' } }),
  'problem.update': (answers: Answers) => ({ id: problemId(answers), patch: { knownError: 'connection pool too small' } }),
  'problem.transition': (answers: Answers) => ({ id: problemId(answers), to: 'known_error' }),
  'problem.get': (answers: Answers) => ({ id: problemId(answers) }),
  'problem.list': {},
  'incident.export': { format: 'csv', kind: 'problems' },
  'ci.activity': { id: 'db_orders' },
  'impact.blastRadius': { targets: [{ ciId: 'db_orders', mode: 'down' }, { ciId: 'host_a' }] },
  'impact.dependencies': { ciId: 'svc_checkout' },
  'impact.spof': { serviceId: 'svc_checkout' },
  'import.preview': { fileName: 'more.csv', content: CSV, jobId: 'job_same' },
  'import.progress': { jobId: 'job_same' },
  'import.cancel': { jobId: 'job_same' },
  'import.apply': (answers: Answers) => ({ previewId: valueOf(answers['import.preview']).previewId }),
  'export.file': { format: 'json' },
  'snapshot.create': { name: 'before the end' },
  'snapshot.list': {},
  'snapshot.diff': (answers: Answers) => ({ from: valueOf(answers['snapshot.create']).id, to: 'now' }),
  'history.asOf': { time: '2030-01-01T00:00:00.000Z' },
  'doc.saveCopy': (_answers: Answers, dir: string) => ({ path: join(dir, 'copy.faultline') }),
  'doc.new': (_answers: Answers, dir: string) => ({ path: join(dir, 'fresh.faultline') }),
  'doc.open': (_answers: Answers, dir: string) => ({ path: join(dir, 'shop.faultline') }),
};

/** Answers with what differs by nature between two runs (times, generated ids, the side's folder, durations) masked. */
function normalize(value: unknown, dir: string): unknown {
  return JSON.parse(JSON.stringify(value, typedArraysAsLists), (key, v: unknown) => {
    if (key === 'elapsedMs') return 0;
    // SLA time left is counted from the moment each side answers.
    if (key === 'leftMs' && typeof v === 'number') return '<ms>';
    if (typeof v !== 'string') return v;
    return v
      .split(dir)
      .join('<dir>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
      .replace(/snap_[0-9a-z]+_[0-9a-f]{8}/g, '<snapshot>')
      .replace(/preview_\d+_[0-9a-f]+/g, '<preview>')
      .replace(/\b(ci|rel|chg|win|inc|prb)_[0-9a-f]{16}\b/g, '<$1 id>');
  });
}

interface Side {
  dir: string;
  service: FaultlineService;
  answers: Answers;
}

let http: Side;
let cli: Side;
let server: FaultlineServer;

async function side(name: string): Promise<Side> {
  const dir = tempDir(`same-${name}`);
  const doc = writeDocument(join(dir, 'shop.faultline'));
  const service = await startFaultlineService({ dataDir: join(dir, 'data'), documentPath: doc, actor: 'tester', log: () => undefined });
  return { dir, service, answers: {} };
}

beforeAll(async () => {
  http = await side('http');
  cli = await side('cli');
  const renderer = join(http.dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Faultline</title>');
  server = await startFaultlineServer({ service: http.service, staticDir: renderer, port: 0, log: () => undefined });
});

afterAll(async () => {
  await server.close();
  for (const s of [http, cli]) {
    await s.service.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
});

async function overHttp(name: OperationName, input: unknown): Promise<ApiResult> {
  const reply = await fetch(`http://127.0.0.1:${server.port}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await reply.json()) as ApiResult;
}

async function inProcess(name: OperationName, input: unknown): Promise<ApiResult> {
  try {
    // The table's inputs are typed by operation; the loop cannot say which, so the client sees unknown.
    return { ok: true, value: await inProcessClient(cli.service).call(name, input as never) };
  } catch (error) {
    if (error instanceof OperationFailed) return { ok: false, error: { code: error.code as never, message: error.message, issues: error.issues } };
    throw error;
  }
}

describe('the same operation through the command line’s client and through HTTP', () => {
  it('has a table entry for every operation', () => {
    expect(Object.keys(CALLS).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it.each(Object.keys(CALLS) as OperationName[])('%s', async (name) => {
    const inputFor = (s: Side) => {
      const input = CALLS[name];
      return typeof input === 'function' ? (input as (a: Answers, d: string) => unknown)(s.answers, s.dir) : input;
    };
    const viaHttp = await overHttp(name, inputFor(http));
    const viaCli = await inProcess(name, inputFor(cli));
    http.answers[name] = viaHttp;
    cli.answers[name] = viaCli;
    expect(viaHttp.ok, JSON.stringify(viaHttp).slice(0, 300)).toBe(!REFUSED.has(name));
    expect(normalize(viaCli, cli.dir)).toEqual(normalize(viaHttp, http.dir));
  });
});
