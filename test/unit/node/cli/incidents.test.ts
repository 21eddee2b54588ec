// `faultline incident`, `common-cause` and `problem` run as child processes (through the bin
// launcher) against temp copies of the bundled sample CMDB: its six incidents and one problem,
// a new incident created from the command line, probable causes, and the common cause of this
// morning's incidents (named, or the open ones within --since).
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_COMMON_CAUSE, SAMPLE_INCIDENTS, SAMPLE_PROBLEMS } from '../../../../resources/sample/sample-incidents';
import type { CommonCauseResult, Problem } from '../../../../src/shared/incidents';
import type { IncidentDetails, IncidentListItem } from '../../../../src/shared/operations';
import { tempDir } from '../service/fixture';
import { faultline, ROOT, type Run } from './run-faultline';

const SAMPLE = join(ROOT, 'resources/sample-cmdb.faultline');

let dir: string;
let copies = 0;

/** A private copy of the sample: CLI runs started together each open their own file. */
function sample(): string {
  const path = join(dir, `sample-${++copies}.faultline`);
  copyFileSync(SAMPLE, path);
  return path;
}

function json<T>(run: Run): T {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

beforeAll(() => {
  dir = tempDir('cli-incidents');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('faultline incident', () => {
  it('lists the sample incidents newest first, as a table and as JSON, filtered by status', async () => {
    const [table, all, open] = await Promise.all([
      faultline('incident', 'list', '--db', sample()),
      faultline('incident', 'list', '--db', sample(), '--json'),
      faultline('incident', 'list', '--db', sample(), '--status', 'new', '--status', 'on_hold', '--json'),
    ]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NUMBER\s+STATUS\s+PRIORITY\s+OPENED\s+SLA\s+PROBLEM\s+TITLE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['INC0006', 'INC0005', 'INC0004', 'INC0003', 'INC0002', 'INC0001']);
    expect(lines.find((l) => l.startsWith('INC0002'))).toMatch(/closed\s+P1\s+2026-11-26T19:05:00.000Z\s+ok\s+PRB0001\s+Card payments time out at checkout/);
    expect(json<IncidentListItem[]>(all).map((i) => [i.incident.number, i.incident.status])).toEqual(
      Object.values(SAMPLE_INCIDENTS).map((i) => [i.number, i.status]).reverse(),
    );
    expect(json<IncidentListItem[]>(open).map((i) => i.incident.number)).toEqual(['INC0006', 'INC0004']);
  });

  it('shows one incident by number with its CIs and services by name, its cause and its SLA', async () => {
    const [shown, asJson] = await Promise.all([faultline('incident', 'show', '--db', sample(), 'inc0001'), faultline('incident', 'show', '--db', sample(), 'INC0003', '--json')]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Number:\s+INC0001$/m);
    expect(shown.stdout).toMatch(/^Affected CIs:\s+Catalog API$/m);
    expect(shown.stdout).toMatch(/^Services:\s+Storefront \(down\)/m);
    expect(shown.stdout).toMatch(/^Caused by:\s+CHG0001 Grow the catalog-db data volume to 2 TB$/m);
    expect(shown.stdout).toMatch(/^SLA:\s+response met, resolution met$/m);
    const details = json<IncidentDetails>(asJson);
    expect([details.incident.number, details.problem?.number, details.allowed]).toEqual(['INC0003', SAMPLE_PROBLEMS.paymentsPool.number, ['closed', 'in_progress']]);
  });

  it('shows the probable causes: CHG0001, under way when INC0001 opened, with its path by name', async () => {
    const [text, asJson] = await Promise.all([faultline('incident', 'causes', '--db', sample(), 'INC0001'), faultline('incident', 'causes', '--db', sample(), 'INC0001', '--json', '--lookback', '2d')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^CHG0001\s+2026-11-22T02:05:00.000Z\s+2\s+catalog-db node 1 \(fra-pg-catalog01\) → catalog-db \(primary\/standby\) → Catalog API\s+Grow the catalog-db/m);
    const causes = json<{ probableCauses: { changeNumber: string }[] }>(asJson);
    expect(causes.probableCauses.map((c) => c.changeNumber)).toEqual(['CHG0001']);
  });

  it('creates an incident on CIs by name and id, with its services and priority computed, and saves it', async () => {
    const db = sample();
    const created = await faultline('incident', 'create', '--db', db, '--title', 'Checkout errors', '--ci', 'Order API', '--ci', 'db-orders-primary', '--urgency', '1', '--json');
    const details = json<IncidentDetails>(created);
    expect(details.incident).toMatchObject({ number: 'INC0007', status: 'new', urgency: 1, impact: 1, priority: 1 });
    expect(details.incident.affectedCiIds).toEqual(['app-order-api', 'db-orders-primary']);
    expect(details.incident.affectedServices.map((s) => s.name)).toContain('Checkout');
    const shown = await faultline('incident', 'show', '--db', db, 'INC0007');
    expect(shown.stdout).toMatch(/^Title:\s+Checkout errors$/m);
  });

  it('refuses bad usage (exit 2) and an unknown number or CI (exit 1), changing nothing', async () => {
    const db = sample();
    const runs = await Promise.all([
      faultline('incident', 'frobnicate', '--db', db),
      faultline('incident', 'create', '--db', db, '--title', 'No CI'),
      faultline('incident', 'create', '--db', db, '--title', 'Bad', '--ci', 'Order API', '--impact', '4'),
      faultline('incident', 'list', '--db', db, '--status', 'open'),
      faultline('incident', 'show', '--db', db, 'INC9999'),
      faultline('incident', 'create', '--db', db, '--title', 'Ghost', '--ci', 'no-such-ci'),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 1, 1]);
    expect(runs[4].stderr).toMatch(/no incident INC9999/);
    const list = json<IncidentListItem[]>(await faultline('incident', 'list', '--db', db, '--json'));
    expect(list).toHaveLength(6);
  });
});

describe('faultline common-cause', () => {
  it("names the Kafka cluster for this morning's three incidents, with the path to each", async () => {
    const [text, asJson] = await Promise.all([
      faultline('common-cause', '--db', sample(), 'INC0004', 'INC0005', 'INC0006'),
      faultline('common-cause', '--db', sample(), 'INC0004', 'INC0005', 'INC0006', '--json'),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Kafka cluster events-prod explains 3 of 3 incidents\.$/m);
    expect(text.stdout).toMatch(/^1\s+Kafka cluster events-prod\s+3 of 3/m);
    expect(text.stdout).toMatch(/^ {2}INC0005: Kafka cluster events-prod → Search indexer$/m);
    const result = json<CommonCauseResult>(asJson);
    expect([result.candidates[0].ciId, result.candidates[0].explains.length]).toEqual([SAMPLE_COMMON_CAUSE, 3]);
  });

  it('takes the open incidents opened within --since: two just raised on Kafka consumers', async () => {
    const db = sample();
    for (const ci of ['app-notification-service', 'app-search-indexer']) {
      expect((await faultline('incident', 'create', '--db', db, '--title', `Lag on ${ci}`, '--ci', ci)).code).toBe(0);
    }
    const result = json<CommonCauseResult>(await faultline('common-cause', '--db', db, '--since', '30m', '--json'));
    expect(result.incidentIds).toHaveLength(2);
    expect(result.candidates[0].ciId).toBe(SAMPLE_COMMON_CAUSE);
    const bad = await faultline('common-cause', '--db', db, '--since', 'soon');
    expect(bad.code).toBe(2);
  });
});

describe('faultline problem', () => {
  it('lists the problem and shows it with its root cause, known error, workaround and incidents', async () => {
    const [list, shown, asJson] = await Promise.all([
      faultline('problem', 'list', '--db', sample()),
      faultline('problem', 'show', '--db', sample(), 'PRB0001'),
      faultline('problem', 'list', '--db', sample(), '--json'),
    ]);
    expect(list.stdout).toMatch(/^PRB0001\s+known_error\s+INC0002, INC0003\s+Payment gateway service\s+Payment gateway runs out/m);
    expect(shown.stdout).toMatch(/^Root cause:\s+Payment gateway service$/m);
    expect(shown.stdout).toMatch(/^Workaround:\s+Scale the payment-gateway deployment/m);
    expect(shown.stdout).toMatch(/^INC0002\s+closed\s+P1/m);
    expect(json<Problem[]>(asJson).map((p) => p.number)).toEqual([SAMPLE_PROBLEMS.paymentsPool.number]);
    expect((await faultline('problem', 'show', '--db', sample(), 'PRB0099')).code).toBe(1);
  });
});

describe('faultline export --incidents / --problems', () => {
  it('writes the incidents list as CSV and the problems list as a workbook', async () => {
    const csv = join(dir, 'incidents.csv');
    const xlsx = join(dir, 'problems.xlsx');
    const [incidents, problems, both] = await Promise.all([
      faultline('export', '--db', sample(), '--incidents', '--format', 'csv', '--out', csv),
      faultline('export', '--db', sample(), '--problems', '--format', 'xlsx', '--out', xlsx),
      faultline('export', '--db', sample(), '--incidents', '--problems', '--format', 'csv', '--out', csv),
    ]);
    expect([incidents.code, incidents.stdout]).toEqual([0, `Exported 6 incidents as csv:\n  ${csv}\n`]);
    const lines = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('number,title,status,priority,impact,urgency,affected_cis,affected_services,opened_at,resolved_at,closed_at,caused_by_change,problem');
    expect(lines).toHaveLength(7);
    expect(problems.code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    expect(both.code).toBe(2);
  });
});
