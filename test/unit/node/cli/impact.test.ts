// `faultline impact`, `deps` and `spof` run as child processes (through the bin launcher) against
// temp copies of the small fixture document and of the bundled sample CMDB.
//
// Fixture picture (failure travels →):
//   host-a, host-b, host-c member_of db-cluster(k=2 of 3) → orders-db (runs_on) → Web Shop (depends_on)
//   → Checkout (part_of) ; lb-front ⇢ Web Shop (soft connects_to)
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKOUT_SPOFS, ORDERS_PRIMARY_CHANGE } from '../../../../resources/sample/sample-cmdb.source';
import { tempDir, writeDocument } from '../service/fixture';
import { faultline, ROOT, type Run } from './run-faultline';

const SAMPLE = join(ROOT, 'resources/sample-cmdb.faultline');

async function expectFailures(cases: [string[], number, RegExp][]): Promise<void> {
  const runs = await Promise.all(cases.map(([args]) => faultline(...args)));
  for (const [index, [args, code, message]] of cases.entries()) {
    expect(runs[index].code, args.join(' ')).toBe(code);
    expect(runs[index].stderr, args.join(' ')).toMatch(message);
    expect(runs[index].stdout, args.join(' ')).toBe('');
  }
}

function json<T>(run: Run): T {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

interface ImpactJson {
  targets: { id: string; name: string; class: string; mode: string }[];
  impacted: { id: string; name: string; class: string; level: string; depth: number; path: string[] }[];
  services: { id: string; name: string; class: string; criticality: number; level: string; depth: number; path: string[] }[];
}

let dir: string;
let db: string;
let sample: string;
let copies = 0;

/**
 * A private copy of the fixture document: CLI runs started together each open their own file,
 * since a document is locked while a process has it open.
 */
function dbCopy(): string {
  const path = join(dir, `small-${++copies}.faultline`);
  copyFileSync(db, path);
  return path;
}

beforeAll(() => {
  dir = tempDir('cli-impact');
  db = writeDocument(join(dir, 'small.faultline'));
  sample = join(dir, 'sample.faultline');
  copyFileSync(SAMPLE, sample);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('faultline impact', () => {
  it('--json prints exactly targets, impacted (id, name, class, level, depth, path) and services', async () => {
    // host-a ✗ → db-cluster at_risk (lost 1 of 3, needs 2) → orders-db → Web Shop → Checkout, all at_risk
    const out = json<ImpactJson>(await faultline('impact', '--db', db, '--ci', 'host_a', '--json'));
    expect(Object.keys(out)).toEqual(['targets', 'impacted', 'services']);
    expect(out.targets).toEqual([{ id: 'host_a', name: 'host-a', class: 'server', mode: 'down' }]);
    expect(out.impacted).toEqual([
      { id: 'cl_db', name: 'db-cluster', class: 'cluster', level: 'at_risk', depth: 1, path: ['host_a', 'cl_db'] },
      { id: 'db_orders', name: 'orders-db', class: 'database', level: 'at_risk', depth: 2, path: ['host_a', 'cl_db', 'db_orders'] },
      { id: 'app_web', name: 'Web Shop', class: 'application', level: 'at_risk', depth: 3, path: ['host_a', 'cl_db', 'db_orders', 'app_web'] },
      {
        id: 'svc_checkout',
        name: 'Checkout',
        class: 'business_service',
        level: 'at_risk',
        depth: 4,
        path: ['host_a', 'cl_db', 'db_orders', 'app_web', 'svc_checkout'],
      },
    ]);
    expect(out.services).toEqual([{ ...out.impacted[3], criticality: 1 }]);
  });

  it('several --ci (by id or name) add up in a redundancy group; the table shows levels, redundancy and paths', async () => {
    // host-a ✗, host-b ✗ → db-cluster down (lost 2 of 3, needs 2) → … → Checkout down
    const run = await faultline('impact', '--db', db, '--ci', 'host_a', '--ci', 'host-b');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Change: host-a \(host_a\) down, host-b \(host_b\) down$/m);
    expect(run.stdout).toMatch(/^Impact: 4 CIs: 4 down, 0 degraded, 0 at_risk \(computed in [\d.]+ ms\)$/m);
    expect(run.stdout).toMatch(/^ {2}down\s+1\s+Checkout\s+business_service\s+svc_checkout\s+host-a -> db-cluster -> orders-db -> Web Shop -> Checkout$/m);
    expect(run.stdout).toMatch(/^ {2}down\s+1\s+db-cluster\s+cluster\s+cl_db\s+lost 2 of 3, needs 2\s+host-a -> db-cluster$/m);
  });

  it('--mode degraded passes over hard relationships and stops at soft ones; soft hops print as ~>', async () => {
    const [viaDb, viaLb, lbDown] = await Promise.all([
      faultline('impact', '--db', dbCopy(), '--ci', 'orders-db', '--mode', 'degraded', '--json'),
      faultline('impact', '--db', dbCopy(), '--ci', 'lb_front', '--mode', 'degraded', '--json'),
      faultline('impact', '--db', dbCopy(), '--ci', 'lb_front'),
    ]);
    expect(json<ImpactJson>(viaDb).impacted.map((c) => [c.id, c.level])).toEqual([
      ['app_web', 'degraded'],
      ['svc_checkout', 'degraded'],
    ]);
    expect(json<ImpactJson>(viaLb).impacted).toEqual([]);
    expect(lbDown.stdout).toMatch(/lb-front ~> Web Shop -> Checkout$/m);
  });

  it('--max-depth limits the hops', async () => {
    const out = json<ImpactJson>(await faultline('impact', '--db', db, '--ci', 'db_orders', '--max-depth', '1', '--json'));
    expect(out.impacted.map((c) => c.id)).toEqual(['app_web']);
  });

  it('exits 2 on bad usage', async () => {
    await expectFailures([
      [['impact', '--db', dbCopy()], 2, /--ci is required/],
      [['impact', '--db', dbCopy(), '--ci', 'host_a', '--mode', 'sideways'], 2, /--mode must be down or degraded/],
      [['impact', '--db', dbCopy(), '--ci', 'host_a', '--max-depth', '0'], 2, /--max-depth must be a whole number from 1 to 1000/],
      [['deps', '--db', dbCopy()], 2, /--ci is required/],
      [['spof', '--db', dbCopy()], 2, /--service is required/],
    ]);
  });

  it('exits 1 on an unknown CI or a missing document', async () => {
    await expectFailures([
      [['impact', '--db', dbCopy(), '--ci', 'no-such-ci'], 1, /No CI with id or name "no-such-ci"/],
      [['impact', '--db', join(dir, 'missing.faultline'), '--ci', 'x'], 1, /No such file/],
      [['deps', '--db', dbCopy(), '--ci', 'nope'], 1, /No CI with id or name "nope"/],
      [['spof', '--db', dbCopy(), '--service', 'nope'], 1, /No CI with id or name "nope"/],
    ]);
  });
});

describe('faultline deps and spof', () => {
  it('deps --json lists what a CI needs, nearest first, with paths from the CI', async () => {
    const out = json<{ ci: { id: string }; dependencies: { id: string; depth: number; path: string[] }[] }>(
      await faultline('deps', '--db', db, '--ci', 'Checkout', '--json'),
    );
    expect(out.ci).toEqual({ id: 'svc_checkout', name: 'Checkout', class: 'business_service' });
    expect(out.dependencies.map((d) => [d.id, d.depth])).toEqual([
      ['app_web', 1],
      ['lb_front', 2],
      ['db_orders', 2],
      ['cl_db', 3],
      ['host_a', 4],
      ['host_b', 4],
      ['host_c', 4],
    ]);
    expect(out.dependencies.find((d) => d.id === 'host_b')?.path).toEqual(['svc_checkout', 'app_web', 'db_orders', 'cl_db', 'host_b']);
    const limited = json<{ dependencies: unknown[] }>(await faultline('deps', '--db', db, '--ci', 'svc_checkout', '--max-depth', '1', '--json'));
    expect(limited.dependencies).toHaveLength(1);
  });

  it('spof lists the chain to the cluster but no cluster member and not the soft load balancer', async () => {
    const [asJson, asText] = await Promise.all([
      faultline('spof', '--db', dbCopy(), '--service', 'svc_checkout', '--json'),
      faultline('spof', '--db', dbCopy(), '--service', 'Checkout'),
    ]);
    const out = json<{ service: { id: string }; singlePointsOfFailure: { id: string; path: string[] }[] }>(asJson);
    expect(out.service.id).toBe('svc_checkout');
    expect(out.singlePointsOfFailure).toEqual([
      { id: 'app_web', name: 'Web Shop', class: 'application', path: ['app_web', 'svc_checkout'] },
      { id: 'db_orders', name: 'orders-db', class: 'database', path: ['db_orders', 'app_web', 'svc_checkout'] },
      { id: 'cl_db', name: 'db-cluster', class: 'cluster', path: ['cl_db', 'db_orders', 'app_web', 'svc_checkout'] },
    ]);
    expect(asText.stdout).toMatch(/^Checkout \(svc_checkout\): 3 single points of failure \(computed in [\d.]+ ms\)$/m);
    expect(asText.stdout).toMatch(/^ {2}db-cluster\s+cluster\s+cl_db\s+db-cluster -> orders-db -> Web Shop -> Checkout$/m);
  });
});

describe('on the bundled sample CMDB', () => {
  it('the orders primary change and the Checkout SPOFs are the story the sample tells; the document is not written', async () => {
    const before = readFileSync(sample);
    // spof reads its own copy: both processes run at once and a document is locked while open.
    const sampleCopy = join(dir, 'sample-copy.faultline');
    copyFileSync(SAMPLE, sampleCopy);
    const [impact, spof, help] = await Promise.all([
      faultline('impact', '--db', sample, '--ci', ORDERS_PRIMARY_CHANGE.targets[0].ciId, '--json'),
      faultline('spof', '--db', sampleCopy, '--service', 'svc-checkout', '--json'),
      faultline('--help'),
    ]);
    const out = json<ImpactJson>(impact);
    expect(Object.fromEntries(out.impacted.map((c) => [c.id, c.level]))).toEqual(ORDERS_PRIMARY_CHANGE.expected);
    expect(out.services.map((s) => s.criticality)).toEqual([...out.services.map((s) => s.criticality)].sort());
    for (const c of out.impacted) expect(c.path[0]).toBe(ORDERS_PRIMARY_CHANGE.targets[0].ciId);
    const spofs = json<{ singlePointsOfFailure: { id: string }[] }>(spof).singlePointsOfFailure.map((e) => e.id);
    expect(spofs.sort()).toEqual([...CHECKOUT_SPOFS].sort());
    expect(help.stdout).toMatch(/^\s+impact\s+Simulate a change/m);
    expect(help.stdout).toMatch(/^\s+deps\s+List everything a CI needs/m);
    expect(help.stdout).toMatch(/^\s+spof\s+List the single points of failure/m);
    expect(readFileSync(sample).equals(before)).toBe(true);
    const journals = readdirSync(dir).filter((name) => name.startsWith('sample.faultline.journal'));
    for (const name of journals) expect(readFileSync(join(dir, name), 'utf8')).toBe('');
  });
});
