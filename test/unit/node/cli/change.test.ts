// `faultline change list|show|create|transition|report` run as child processes on private
// copies of the bundled sample CMDB (a document is locked while a process writes it).
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CHANGES } from '../../../../resources/sample/sample-changes';
import type { ChangeDetails, ChangeListItem } from '../../../../src/shared/operations';
import { tempDir } from '../service/fixture';
import { faultline, faultlineWithEnv, ROOT } from './run-faultline';

const SAMPLE = join(ROOT, 'resources/sample-cmdb.faultline');

let dir: string;
let copies = 0;

function sampleCopy(): string {
  const path = join(dir, `sample-${++copies}.faultline`);
  copyFileSync(SAMPLE, path);
  return path;
}

beforeAll(() => {
  dir = tempDir('cli-change');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('faultline change', () => {
  it('list shows every change of the sample, CHG0001 to CHG0006, with state and risk; --json gives the list items', async () => {
    const db = sampleCopy();
    const [plain, json] = await Promise.all([faultline('change', 'list', '--db', db), faultline('change', 'list', '--db', db, '--json', '--state', 'cab_review')]);
    expect(plain.code, plain.stderr).toBe(0);
    const numbers = plain.stdout.split('\n').slice(1).map((line) => /^CHG\d+/.exec(line)?.[0]).filter(Boolean);
    expect(numbers).toEqual(['CHG0001', 'CHG0002', 'CHG0003', 'CHG0004', 'CHG0005', 'CHG0006']);
    expect(plain.stdout).toMatch(/^CHG0004\s+cab_review\s+normal\s+high \d/m);
    expect(plain.stdout).toContain('6 change requests');
    const items = JSON.parse(json.stdout) as ChangeListItem[];
    expect(items.map((i) => i.change.number)).toEqual([SAMPLE_CHANGES.ordersUpgrade.number]);
  });

  it('show finds a change by number (any case) or id, with its moves, risk factors and conflicts', async () => {
    const db = sampleCopy();
    const [byNumber, byId] = await Promise.all([faultline('change', 'show', '--db', db, 'chg0003'), faultline('change', 'show', '--db', db, SAMPLE_CHANGES.replicaRebuild.id, '--json')]);
    expect(byNumber.code, byNumber.stderr).toBe(0);
    expect(byNumber.stdout).toMatch(/^Number:\s+CHG0003$/m);
    expect(byNumber.stdout).toMatch(/^Allowed moves:\s+scheduled, cancelled$/m);
    expect(byNumber.stdout).toContain('Most critical impacted service');
    expect(byNumber.stdout).toMatch(/Conflicts \(1\)\n {2}shared_services/);
    expect((JSON.parse(byId.stdout) as ChangeDetails).change.number).toBe('CHG0003');
  });

  it('refuses a move the change cannot make, naming the moves it can (exit 1); an unknown change exits 1; bad usage exits 2', async () => {
    const db = sampleCopy();
    const refused = await faultline('change', 'transition', '--db', db, 'CHG0003', '--to', 'draft');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('faultline change: CHG0003 cannot go to draft: from approved it can go to scheduled or cancelled\n');
    const unknown = await faultline('change', 'show', '--db', db, 'CHG0999');
    expect([unknown.code, unknown.stderr]).toEqual([1, 'faultline change: no change request CHG0999\n']);
    const usage = await Promise.all([
      faultline('change', 'transition', '--db', db, 'CHG0003', '--to', 'somewhere'),
      faultline('change', 'report', '--db', db, 'CHG0003', '--format', 'docx', '-o', join(dir, 'x.docx')),
      faultline('change', 'fly', '--db', db),
    ]);
    expect(usage.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(usage[0].stderr).toContain('--to must be one of draft, assessed');
    expect(usage[2].stderr).toContain('unknown subcommand "fly"');
  });

  it('creates a draft on CIs named with their failure mode, moves it, and the move is saved', async () => {
    const db = sampleCopy();
    const created = await faultline('change', 'create', '--db', db, '--title', 'Patch orders-db', '--target', 'orders-db primary (fra-pg-orders01):degraded', '--start', '2026-12-14T01:00:00Z', '--end', '2026-12-14T02:00:00Z', '--implementer', 'dba', '--json');
    expect(created.code, created.stderr).toBe(0);
    const details = JSON.parse(created.stdout) as ChangeDetails;
    expect(details.change).toMatchObject({ number: 'CHG0007', state: 'draft', implementer: 'dba', window: { start: '2026-12-14T01:00:00.000Z', end: '2026-12-14T02:00:00.000Z' } });
    expect(details.change.targets).toEqual([{ ciId: expect.any(String), mode: 'degraded' }]);
    const moved = await faultline('change', 'transition', '--db', db, 'CHG0007', '--to', 'assessed');
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(/^Moved CHG0007 "Patch orders-db": assessed/);
    const shown = await faultline('change', 'show', '--db', db, 'CHG0007', '--json');
    expect((JSON.parse(shown.stdout) as ChangeDetails).change.state).toBe('assessed');
  });

  it('report writes the CAB packet as HTML holding an impacted service, and as Markdown', async () => {
    const db = sampleCopy();
    const html = join(dir, 'CHG0004.html');
    const md = join(dir, 'CHG0004.md');
    const runs = await Promise.all([faultline('change', 'report', '--db', db, 'CHG0004', '--format', 'html', '-o', html), faultline('change', 'report', '--db', db, 'CHG0004', '--format', 'md', '-o', md)]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(runs[0].stdout).toBe(`Wrote the CAB packet of CHG0004 as html:\n  ${html}\n`);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Checkout');
    expect(page).toContain('<svg');
    expect(page).not.toMatch(/https?:\/\//);
    expect(readFileSync(md, 'utf8')).toMatch(/^\| Checkout \| down \|/m);
  });

  it('report --format pdf says plainly when no Chromium is found, and writes nothing', async () => {
    const db = sampleCopy();
    const out = join(dir, 'none.pdf');
    const run = await faultlineWithEnv({ FAULTLINE_CHROMIUM: join(dir, 'no-chromium') }, 'change', 'report', '--db', db, 'CHG0004', '--format', 'pdf', '-o', out);
    expect([run.code, run.stderr]).toEqual([1, 'faultline change: no Chromium found to print the PDF; install chromium or export HTML\n']);
    expect(existsSync(out)).toBe(false);
  });
});
