// `faultline import`, `export` and `diff` run as child processes (through the bin launcher)
// against temp copies of the small fixture document.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocumentState } from '../../../../src/node/snapshots';
import type { CmdbDiff } from '../../../../src/shared/data-types';
import type { CmdbDocument } from '../../../../src/shared/model';
import { SAMPLE_PATH } from '../../../../resources/sample/build-sample';
import { tempDir, writeDocument } from '../service/fixture';
import { faultline } from './run-faultline';


let dir: string;
let original: string;

function copy(name: string): string {
  const path = join(dir, name);
  copyFileSync(original, path);
  return path;
}

const CIS_CSV = [
  'Name,Class,Environment,Owner',
  'billing-api,application,production,payments',
  ',server,production,ops',
  'weird,spaceship,production,ops',
  'Web Shop,application,production,web-team',
].join('\n');

beforeAll(() => {
  dir = tempDir('cli-data');
  original = writeDocument(join(dir, 'original.faultline'));
  writeFileSync(join(dir, 'cis.csv'), CIS_CSV);
  writeFileSync(join(dir, 'broken.json'), '{"schemaVersion": 1, "cis": [');
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    depends_on: [api]\n  api:\n    image: node:20\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('faultline import', () => {
  it('--dry-run prints counts, updates and rejections with file and row, and changes nothing', async () => {
    const db = copy('dry.faultline');
    const run = await faultline('import', '--db', db, join(dir, 'cis.csv'), '--dry-run');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('CIs:           1 to create, 1 to update, 0 unchanged, 2 rejected');
    expect(run.stdout).toContain('Web Shop (app_web, matched by name): owner "platform-team" -> "web-team"');
    expect(run.stdout).toContain('cis.csv row 3: ci: the name is empty');
    expect(run.stdout).toContain('cis.csv row 4: ci "weird": unknown class "spaceship"');
    expect(run.stdout).toContain('Dry run: nothing was changed.');
    expect(existsSync(`${db}.journal`) ? readFileSync(`${db}.journal`, 'utf8') : '').toBe('');
  });

  it('applies as one transaction and --json reports the counts', async () => {
    const db = copy('apply.faultline');
    const run = await faultline('import', '--db', db, join(dir, 'cis.csv'), '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { format: string; counts: { cis: { create: number } }; rejected: { row: number }[]; applied: boolean };
    expect(out.format).toBe('csv-cis');
    expect(out.applied).toBe(true);
    expect(out.counts.cis.create).toBe(1);
    expect(out.rejected.map((r) => r.row)).toEqual([3, 4]);
    const records = readFileSync(`${db}.journal`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tx: number });
    expect(records).toHaveLength(2);
    expect(new Set(records.map((r) => r.tx)).size).toBe(1);
    const state = await readDocumentState(db);
    expect(state?.cis.map((c) => c.name)).toContain('billing-api');

    const compose = await faultline('import', '--db', db, join(dir, 'compose.yaml'));
    expect(compose.code).toBe(0);
    expect(compose.stdout).toContain('Relationships: 1 to create');
    expect(compose.stdout).toMatch(/Applied as one transaction \("Import compose\.yaml"\)/);
  });

  it('exits 1 with the error on a failed parse and changes nothing; 2 on bad usage', async () => {
    const db = copy('broken.faultline');
    const run = await faultline('import', '--db', db, join(dir, 'broken.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^faultline import: nothing was imported: broken\.json/);
    expect(run.stdout).toBe('');
    expect(existsSync(`${db}.journal`) ? readFileSync(`${db}.journal`, 'utf8') : '').toBe('');
    const usage = await faultline('import', '--db', db);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/SOURCE is required/);
    const format = await faultline('import', '--db', db, join(dir, 'cis.csv'), '--format', 'pdf');
    expect(format.code).toBe(2);
  });
});

describe('faultline import: nothing left out silently', () => {
  const entity = (kind: string, name: string, spec = '  type: service\n') => `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

  it('a catalog with an unclosed quote in the middle is refused with its true line and column; --skip-unreadable imports the rest and counts the lost', async () => {
    const path = join(dir, 'catalog.yaml');
    writeFileSync(path, [entity('Component', 'one'), entity('Component', 'two', '  owner: "team\n'), entity('Component', 'three'), entity('Component', 'four')].join('---\n'));
    const db = copy('unreadable.faultline');
    const refused = await faultline('import', '--db', db, path);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'faultline import: nothing was imported: catalog.yaml:13:10: document 2 is not valid YAML: Missing closing "quote (--skip-unreadable imports the readable part)\n',
    );
    expect(existsSync(`${db}.journal`) ? readFileSync(`${db}.journal`, 'utf8') : '').toBe('');
    const run = await faultline('import', '--db', db, path, '--skip-unreadable', '--json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { counts: { cis: { create: number } }; leftOut: { unreadableEntities: number }; warnings: string[] };
    expect(out.counts.cis.create).toBe(1);
    expect(out.leftOut.unreadableEntities).toBe(3);
    expect(out.warnings).toContain('catalog.yaml:13:10: document 2 is not valid YAML: Missing closing "quote; skipped as asked, 3 entities lost with it');
  });

  it('prints dangling references and what was left out; follows Location targets inside the catalog folder, refuses one outside', async () => {
    const folder = join(dir, 'catalog');
    mkdirSync(join(folder, 'teams'), { recursive: true });
    writeFileSync(join(folder, 'teams', 'payments.yaml'), entity('Component', 'payments', '  type: service\n  dependsOn: [component:nowhere]\n'));
    writeFileSync(join(folder, 'teams', 'ledger.yaml'), entity('Component', 'ledger', '  type: service\n  dependencyOf: [component:payments]\n'));
    writeFileSync(join(folder, 'root.yaml'), entity('Location', 'root', '  targets: [./teams/payments.yaml, "./teams/led*.yaml", ./teams/gone.yaml]\n'));
    const db = copy('locations.faultline');
    const run = await faultline('import', '--db', db, join(folder, 'root.yaml'), '--dry-run');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('CIs:           2 to create');
    expect(run.stdout).toContain('Relationships: 1 to create');
    expect(run.stdout).toContain('Left out: 2 references to nothing in the file or the CMDB.');
    expect(run.stdout).toContain('root.yaml:6, document 1 (spec.targets[2]): the Location target "./teams/gone.yaml" is not there (teams/gone.yaml); not imported');
    expect(run.stdout).toContain(
      'teams/payments.yaml:7, document 1 (spec.dependsOn[0]): the target "component:default/nowhere" is neither in this file nor in the CMDB; the relationship was not imported',
    );
    writeFileSync(join(folder, 'escape.yaml'), entity('Location', 'escape', '  target: ../cis.csv\n'));
    const refused = await faultline('import', '--db', db, join(folder, 'escape.yaml'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/escape\.yaml:6, document 1 \(spec\.target\): the Location target "\.\.\/cis\.csv" is outside the catalog's folder/);
  });
});

describe('faultline export', () => {
  it('writes each format to --out', async () => {
    const db = copy('export.faultline');
    const cases: [string, string, (text: string) => void][] = [
      ['json', 'out.json', (t) => expect((JSON.parse(t) as CmdbDocument).cis).toHaveLength(8)],
      ['xlsx', 'out.xlsx', (t) => expect(t.slice(0, 2)).toBe('PK')],
      ['graphml', 'out.graphml', (t) => expect(t).toContain('<graphml')],
      ['gexf', 'out.gexf', (t) => expect(t).toContain('<gexf')],
      ['dot', 'out.dot', (t) => expect(t).toMatch(/digraph/)],
    ];
    // One copy per format: each run takes its document's lock, and they run side by side.
    const runs = await Promise.all(
      cases.map(([format, name]) => faultline('export', '--db', copy(`export-${format}.faultline`), '--format', format, '--out', join(dir, name))),
    );
    for (const [index, [format, name, check]] of cases.entries()) {
      const out = join(dir, name);
      const run = runs[index];
      expect(run.stderr, format).toBe('');
      expect(run.code, format).toBe(0);
      expect(run.stdout).toContain('Exported 8 CIs and 7 relationships');
      check(readFileSync(out, format === 'xlsx' ? 'latin1' : 'utf8'));
    }
    const folder = join(dir, 'csv-out');
    const csv = await faultline('export', '--db', db, '--format', 'csv', '--out', folder);
    expect(csv.code).toBe(0);
    expect(readFileSync(join(folder, 'cis.csv'), 'utf8')).toMatch(/^Id,Label,/);
    expect(existsSync(join(folder, 'relationships.csv'))).toBe(true);
    const bad = await faultline('export', '--db', db, '--format', 'pdf', '--out', join(dir, 'x.pdf'));
    expect(bad.code).toBe(2);
  });
  it('--changes writes the changes list as one CSV or Excel file', async () => {
    const db = join(dir, 'sample-changes.faultline');
    copyFileSync(SAMPLE_PATH, db);
    const out = join(dir, 'changes.csv');
    const run = await faultline('export', '--db', db, '--changes', '--format', 'csv', '--out', out);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toBe(`Exported 6 change requests as csv:\n  ${out}\n`);
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe('number,title,type,state,risk_band,risk_score,window_start,window_end,implementer,targets,conflicts');
    expect(lines.filter((l) => l.startsWith('CHG'))).toHaveLength(6);
    const xlsx = await faultline('export', '--db', db, '--changes', '--format', 'xlsx', '--out', join(dir, 'changes.xlsx'));
    expect(xlsx.code).toBe(0);
    expect(readFileSync(join(dir, 'changes.xlsx'), 'latin1').slice(0, 2)).toBe('PK');
    const bad = await faultline('export', '--db', db, '--changes', '--format', 'json', '--out', join(dir, 'changes.json'));
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('with --changes, --format must be one of csv, xlsx')]);
  });
});

describe('faultline diff', () => {
  it('lists what changed between two documents (journal included), and --json gives the diff', async () => {
    const before = copy('before.faultline');
    const after = copy('after.faultline');
    expect((await faultline('import', '--db', after, join(dir, 'cis.csv'))).code).toBe(0);

    const run = await faultline('diff', before, after);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('CIs:           1 added, 0 removed, 1 changed, 7 unchanged');
    expect(run.stdout).toMatch(/\+ CI billing-api \(ci_[0-9a-f]+, application\)/);
    expect(run.stdout).toContain('~ CI Web Shop (app_web, application)\n    owner: "platform-team" -> "web-team"');

    const json = await faultline('diff', before, after, '--json');
    const diff = JSON.parse(json.stdout) as CmdbDiff;
    expect(diff.counts.cis).toEqual({ added: 1, removed: 0, changed: 1, unchanged: 7 });
    expect(diff.cis.added[0].name).toBe('billing-api');

    const missing = await faultline('diff', before, join(dir, 'nope.faultline'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No such file/);
  });
});
