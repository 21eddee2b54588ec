// The `faultline` CLI run as a child process (through its bin launcher) against temp copies
// of a small document: outputs (JSON parsed, tables aligned) and exit codes 0 / 1 / 2.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvironment } from '../../../../src/node/service';
import { openCmdbStore } from '../../../../src/node/storage';
import type { Ci } from '../../../../src/shared/model';
import type { CiDetails } from '../../../../src/shared/operations';
import { smallDocument, tempDir, writeDocument } from '../service/fixture';
import { faultline } from './run-faultline';


let dir: string;
let db: string;

beforeAll(() => {
  dir = tempDir('cli');
  db = writeDocument(join(dir, 'small.faultline'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('faultline CLI', () => {
  it('--help lists the commands and exits 0', async () => {
    const run = await faultline('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: faultline <command>/);
    expect(run.stdout).toMatch(/^\s+list\s+List the CIs/m);
    expect(run.stdout).toMatch(/^\s+show\s+Show one CI/m);
    const command = await faultline('show', '--help');
    expect(command.code).toBe(0);
    expect(command.stdout).toMatch(/Usage: faultline show --db FILE ID_OR_NAME/);
  });

  it('new FILE creates an empty CMDB (adding .faultline), listed by --help, never over an existing file', async () => {
    const help = await faultline('--help');
    expect(help.stdout).toMatch(/^\s+new\s+Create an empty CMDB/m);
    const folder = join(dir, 'fresh');
    mkdirSync(folder);
    const created = await faultline('new', join(folder, 'team'));
    expect(created.code, created.stderr).toBe(0);
    const path = join(folder, 'team.faultline');
    expect(created.stdout).toContain(path);
    expect(readdirSync(folder)).toEqual(['team.faultline']);
    const list = await faultline('list', '--db', path, '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
    const again = await faultline('new', path);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const usage = await faultline('new');
    expect(usage.code).toBe(2);
  });

  it('exits 2 with a clear message on bad usage', async () => {
    const cases: [string[], RegExp][] = [
      [[], /Usage: faultline <command>/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['list'], /--db is required/],
      [['list', '--db', db, '--class', 'spaceship'], /--class must be one of/],
      [['list', '--db', db, '--colour'], /Unknown option '--colour'/],
      [['list', '--db'], /--db/],
      [['show', '--db', db], /give the id or name of a CI/],
      [['show', '--db', db, 'a', 'b'], /give one CI, not 2/],
    ];
    const runs = await Promise.all(cases.map(([args]) => faultline(...args)));
    for (const [index, [args, message]] of cases.entries()) {
      const run = runs[index];
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stdout, args.join(' ')).toBe('');
    }
  });

  it('list --json prints every CI, sorted by class then name', async () => {
    const run = await faultline('list', '--db', db, '--json');
    expect(run.code).toBe(0);
    const cis = JSON.parse(run.stdout) as Ci[];
    expect(cis).toHaveLength(8);
    // application < business_service < cluster < database < load_balancer < server
    expect(cis.map((ci) => ci.id)).toEqual(['app_web', 'svc_checkout', 'cl_db', 'db_orders', 'lb_front', 'host_a', 'host_b', 'host_c']);
    expect(cis[0]).toEqual(smallDocument().cis[1]);
  });

  it('list --class keeps one class', async () => {
    const run = await faultline('list', '--db', db, '--class', 'server', '--json');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Ci[]).map((ci) => ci.name)).toEqual(['host-a', 'host-b', 'host-c']);
  });

  it('list prints an aligned table and a count', async () => {
    const run = await faultline('list', '--db', db, '--class', 'server');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+CLASS\s+ENVIRONMENT\s+CRIT\s+STATUS\s+OWNER$/);
    const rows = lines.slice(1, 4);
    expect(rows).toHaveLength(3);
    for (const column of ['NAME', 'CLASS', 'OWNER']) {
      const at = lines[0].indexOf(column);
      for (const row of rows) expect(row[at - 1], `${column} in ${row}`).toBe(' ');
      for (const row of rows) expect(row[at], `${column} in ${row}`).not.toBe(' ');
    }
    expect(rows[0]).toContain('host-a');
    expect(lines.at(-1)).toBe('3 of 8 CIs (class server)');
  });

  it('show --json prints the CI with its relationships, found by id or by name', async () => {
    const byId = await faultline('show', '--db', db, 'app_web', '--json');
    expect(byId.code).toBe(0);
    const details = JSON.parse(byId.stdout) as CiDetails;
    expect(details.ci.name).toBe('Web Shop');
    expect(details.outgoing.map((entry) => entry.peer.id).sort()).toEqual(['db_orders', 'lb_front', 'svc_checkout']);
    expect(details.incoming).toEqual([]);

    const byName = await faultline('show', '--db', db, '--json', 'ORDERS-DB');
    expect(byName.code).toBe(0);
    expect((JSON.parse(byName.stdout) as CiDetails).ci.id).toBe('db_orders');
  });

  it('show prints fields, attributes and relationships for people', async () => {
    const run = await faultline('show', '--db', db, 'Web Shop');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Name:\s+Web Shop$/m);
    expect(run.stdout).toMatch(/^Criticality:\s+1 \(mission critical\)$/m);
    expect(run.stdout).toMatch(/^\s+language\s+typescript$/m);
    expect(run.stdout).toMatch(/^Outgoing relationships \(3\)$/m);
    expect(run.stdout).toMatch(/→ connects_to\s+soft\s+lb-front\s+load_balancer\s+lb_front/);
    expect(run.stdout).toMatch(/^Incoming relationships: none$/m);
  });

  it('exits 1 for an unknown or ambiguous CI', async () => {
    const unknown = await faultline('show', '--db', db, 'nothing-like-it');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No CI with id or name "nothing-like-it"/);

    const twins = smallDocument();
    twins.cis.push({ ...twins.cis[4], id: 'host_a2' });
    const twinDb = writeDocument(join(dir, 'twins.faultline'), twins);
    const ambiguous = await faultline('show', '--db', twinDb, 'host-a');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/"host-a" names 2 CIs: host_a .*host_a2/);
  });

  it('exits 1 with the reason for a missing or corrupt file', async () => {
    const missing = await faultline('list', '--db', join(dir, 'nope.faultline'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No such file: .*nope\.faultline/);

    const corrupt = join(dir, 'corrupt.faultline');
    writeFileSync(corrupt, '{"schemaVersion": 1, "cis": [');
    const run = await faultline('list', '--db', corrupt);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/corrupt\.faultline/);
    expect(run.stderr).toMatch(/not valid JSON/);
    expect(run.stdout).toBe('');
  });

  it('refuses a file that is not a Faultline document and leaves it as it was', async () => {
    const folder = join(dir, 'not-ours');
    mkdirSync(folder);
    const notes = join(folder, 'notes.csv');
    const csv = 'name,owner\nweb,team-a\n';
    writeFileSync(notes, csv);
    const source = join(dir, 'source.csv');
    writeFileSync(source, 'name,class\nx,server\n');
    const runs = [
      await faultline('list', '--db', notes),
      await faultline('show', '--db', notes, 'web'),
      await faultline('export', '--db', notes, '--format', 'json', '--out', join(dir, 'out.json')),
      await faultline('import', '--db', notes, source),
    ];
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${notes} is not a Faultline document`);
    }
    expect(readdirSync(folder)).toEqual(['notes.csv']);
    expect(readFileSync(notes, 'utf8')).toBe(csv);
  });

  it('reads without the lock: works while the app has the document open, sees its saved edits, writes nothing', async () => {
    const holder = await openCmdbStore(db, { env: createEnvironment('holder') });
    await holder.persist(holder.cmdb.createCi({ id: 'added_while_open', name: 'Added while open', class: 'server' }).tx);
    const before = readdirSync(dir).sort();
    const runs = [await faultline('list', '--db', db, '--json'), await faultline('show', '--db', db, 'added_while_open', '--json')];
    const after = readdirSync(dir).sort();
    const stillLocked = existsSync(`${db}.lock`);
    await holder.persist(holder.cmdb.deleteCi('added_while_open').tx);
    await holder.close();
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(runs[0].stdout) as Ci[]).map((ci) => ci.id)).toContain('added_while_open');
    expect(after).toEqual(before);
    expect(stillLocked).toBe(true);
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it('a write (import) still takes the lock', async () => {
    const holder = await openCmdbStore(db, { env: createEnvironment('holder') });
    const source = join(dir, 'one.csv');
    writeFileSync(source, 'name,class\nlocked-out,server\n');
    const locked = await faultline('import', '--db', db, source);
    await holder.close();
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/open in another Faultline process/);
  });
});
