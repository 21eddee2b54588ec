// Data in and out from the UI: a CSV import with its preview (counts, lists, re-preview after a
// mapping change), apply and one-step undo; CSV, Excel, PNG and SVG exports; two snapshots around
// an edit, diffed onto the graph and exported; the graph as of a past time, read-only.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { waitForGraph } from './support/explore';
import { loadSample } from './support/sample';

const sample = loadSample();
const SCREENSHOTS = 'test-results/screenshots';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CSV = [
  'Name,Class,Environment,Owner,Tags',
  'Fraud scoring API,application,production,team-payments,pci',
  'Ledger cache,cache,production,team-payments,',
  'Payments,business_service,production,team-finance,',
  'Broken row,teapot,production,x,',
].join('\n');

type MarksHost = { __faultlineDiffMarks?: () => Record<string, string> };

async function withTempFile(name: string, content: string, use: (path: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-data-e2e-'));
  try {
    const path = join(dir, name);
    await writeFile(path, content);
    await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function openFileMenu(page: Page, item: 'data-import' | 'data-export' | 'data-snapshots'): Promise<void> {
  await page.getByTestId('doc-menu').click();
  await page.getByTestId(item).click();
}

async function downloadBytes(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}

/** Calls the API as the page does (the token is in the URL the server printed). */
async function call(page: Page, url: string, name: string, input: unknown): Promise<unknown> {
  const token = new URL(url).searchParams.get('token') ?? '';
  const response = await page.request.post(`${new URL(url).origin}/api/${name}`, { headers: { Authorization: `Bearer ${token}` }, data: input });
  const body = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.value;
}

test('a CSV import shows its preview, follows a mapping change, applies as one undo step', async ({ page, explore }) => {
  expect(explore.url).toBeTruthy();
  await waitForGraph(page, sample.cis.length);
  await openFileMenu(page, 'data-import');
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-drop-zone')).toBeVisible();
  await withTempFile('new-cis.csv', CSV, async (path) => {
    await dialog.getByTestId('import-file-input').setInputFiles(path);
  });

  await expect(dialog.getByTestId('count-cis-create')).toHaveText('2');
  await expect(dialog.getByTestId('count-cis-update')).toHaveText('1');
  await expect(dialog.getByTestId('count-cis-unchanged')).toHaveText('0');
  await expect(dialog.getByTestId('count-cis-rejected')).toHaveText('1');
  await expect(dialog.getByTestId('import-create-row')).toHaveCount(2);
  await expect(dialog.getByTestId('import-list-create')).toContainText('Fraud scoring API');
  await expect(dialog.getByTestId('import-list-create')).toContainText('Ledger cache');
  await expect(dialog.getByTestId('csv-column')).toHaveCount(5);
  await expect(dialog.locator('[data-testid="csv-column"][data-column="Owner"]')).toHaveValue('owner');

  await dialog.getByTestId('import-tab-update').click();
  const update = dialog.getByTestId('import-update-row');
  await expect(update).toContainText('Payments');
  await expect(update).toContainText('owner');
  await expect(update).toContainText('team-payments');
  await expect(update).toContainText('team-finance');

  await dialog.getByTestId('import-tab-rejected').click();
  const rejected = dialog.getByTestId('import-rejected-row');
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText('new-cis.csv, row 5');
  await expect(rejected).toContainText('unknown class "teapot"');

  // The mapping step: ignoring the Owner column re-previews; Payments no longer changes.
  await dialog.locator('[data-testid="csv-column"][data-column="Owner"]').selectOption('ignore');
  await expect(dialog.getByTestId('count-cis-update')).toHaveText('0');
  await expect(dialog.getByTestId('count-cis-unchanged')).toHaveText('1');
  await dialog.locator('[data-testid="csv-column"][data-column="Owner"]').selectOption('owner');
  await expect(dialog.getByTestId('count-cis-update')).toHaveText('1');

  await dialog.getByTestId('import-tab-update').click();
  await page.screenshot({ path: `${SCREENSHOTS}/import-preview.png` });

  await dialog.getByTestId('import-apply').click();
  const report = dialog.getByTestId('import-report');
  await expect(report).toContainText('2 CIs created, 1 updated');
  await expect(report).toContainText('1 rejected');
  await dialog.getByTestId('import-close').click();
  await expect(dialog).toBeHidden();
  await waitForGraph(page, sample.cis.length + 2);
  await expect(page.getByTestId('undo')).toContainText('Import new-cis.csv');

  // One undo takes back the whole import.
  await page.keyboard.press('Control+z');
  await waitForGraph(page, sample.cis.length);
  await expect(page.getByTestId('undo')).not.toContainText('Import new-cis.csv');
});

test('exports CSV, Excel, PNG and SVG downloads', async ({ page, explore }) => {
  expect(explore.url).toBeTruthy();
  await waitForGraph(page, sample.cis.length);
  await openFileMenu(page, 'data-export');
  const dialog = page.getByTestId('export-dialog');

  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await dialog.getByTestId('export-format-csv').check();
  await dialog.getByTestId('export-run').click();
  await expect(dialog.getByTestId('export-done')).toContainText('.csv');
  await expect.poll(() => downloads.length).toBe(2);
  const byName = new Map(downloads.map((d) => [d.suggestedFilename(), d]));
  const cisFile = [...byName.keys()].find((n) => /cis\.csv$/.test(n) && !/relationships/.test(n));
  expect(cisFile, [...byName.keys()].join(', ')).toBeTruthy();
  const cisCsv = (await downloadBytes(byName.get(cisFile!)!)).toString('utf8');
  const header = cisCsv.split(/\r?\n/)[0].split(',');
  expect(header.slice(0, 2)).toEqual(['Id', 'Label']);
  for (const ci of sample.cis.slice(0, 20)) expect(cisCsv).toContain(ci.id);
  expect(cisCsv).toContain('Storefront');
  const relFile = [...byName.keys()].find((n) => /relationships\.csv$/.test(n));
  const relCsv = (await downloadBytes(byName.get(relFile!)!)).toString('utf8');
  expect(relCsv.split(/\r?\n/)[0]).toMatch(/^Id,Source,Target,Type|Source,Target,Type/);

  downloads.length = 0;
  await dialog.getByTestId('export-format-xlsx').check();
  await dialog.getByTestId('export-run').click();
  await expect.poll(() => downloads.length).toBe(1);
  expect(downloads[0].suggestedFilename()).toMatch(/\.xlsx$/);
  expect((await downloadBytes(downloads[0])).subarray(0, 2).toString('latin1')).toBe('PK');

  downloads.length = 0;
  await dialog.getByTestId('export-png').click();
  await expect.poll(() => downloads.length).toBe(1);
  expect(downloads[0].suggestedFilename()).toMatch(/\.png$/);
  const png = await downloadBytes(downloads[0]);
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(png.length).toBeGreaterThan(10_000);

  downloads.length = 0;
  await dialog.getByTestId('export-svg').click();
  await expect.poll(() => downloads.length).toBe(1);
  const svg = (await downloadBytes(downloads[0])).toString('utf8');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect((svg.match(/<g data-id=/g) ?? []).length).toBe(sample.cis.length);
  expect(svg).toContain('>Storefront</text>');
});

test('two snapshots around an edit, diffed on the graph; the graph as of before the edit', async ({ page, explore }) => {
  await waitForGraph(page, sample.cis.length);
  const payments = sample.cis.find((c) => c.name === 'Payments')!;

  await openFileMenu(page, 'data-snapshots');
  let dialog = page.getByTestId('snapshots-dialog');
  await expect(dialog.getByTestId('snapshot-empty')).toBeVisible();
  await dialog.getByTestId('snapshot-name').fill('Before the owner change');
  await dialog.getByTestId('snapshot-create').click();
  await expect(dialog.getByTestId('snapshot-row')).toHaveCount(1);
  await expect(dialog.getByTestId('snapshot-row')).toContainText(String(sample.cis.length));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A moment that lies between the two snapshots, in local time with seconds, for "as of".
  await page.waitForTimeout(1100);
  const between = await page.evaluate(() => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  });
  await page.waitForTimeout(1100);

  await call(page, explore.url, 'ci.update', { id: payments.id, patch: { owner: 'team-finance', criticality: 1 } });
  await call(page, explore.url, 'ci.delete', { id: 'svc-internal-reporting' });
  // The page learns of the edits by polling; a live refetch would end a diff shown before it.
  await expect(page.getByTestId('undo')).toContainText('Internal Reporting');
  await waitForGraph(page, sample.cis.length - 1);

  await openFileMenu(page, 'data-snapshots');
  dialog = page.getByTestId('snapshots-dialog');
  await dialog.getByTestId('snapshot-name').fill('After the owner change');
  await dialog.getByTestId('snapshot-create').click();
  await expect(dialog.getByTestId('snapshot-row')).toHaveCount(2);
  await dialog.getByTestId('diff-run').click();
  await expect(dialog).toBeHidden();

  const panel = page.getByTestId('diff-panel');
  await expect(panel).toContainText('Before the owner change');
  const changed = panel.locator(`[data-testid="diff-item"][data-id="${payments.id}"]`);
  await expect(changed).toHaveAttribute('data-mark', 'changed');
  await expect(changed).toContainText('owner');
  await expect(changed).toContainText('team-finance');
  await expect(panel.locator('[data-testid="diff-item"][data-id="svc-internal-reporting"]')).toHaveAttribute('data-mark', 'removed');
  await expect(panel.getByTestId('diff-sides')).toContainText('After the owner change');
  await waitForGraph(page);
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as MarksHost).__faultlineDiffMarks?.() ?? {}))
    .toMatchObject({ [payments.id]: 'changed', 'svc-internal-reporting': 'removed' });
  await page.screenshot({ path: `${SCREENSHOTS}/diff.png` });

  const download = page.waitForEvent('download');
  await panel.getByTestId('diff-export-csv').click();
  const diffCsv = (await downloadBytes(await download)).toString('utf8');
  expect(diffCsv.split('\r\n')[0]).toBe('Entity,Change,Id,Label,Field,Before,After');
  expect(diffCsv).toContain(`ci,changed,${payments.id},Payments,owner,team-payments,team-finance`);
  expect(diffCsv).toContain('ci,removed,svc-internal-reporting,Internal Reporting');

  await panel.getByTestId('diff-close').click();
  await expect(panel).toBeHidden();
  await waitForGraph(page, sample.cis.length - 1);
  expect(await page.evaluate(() => (globalThis as unknown as MarksHost).__faultlineDiffMarks?.() ?? {})).toEqual({});

  // As of the moment between the snapshots: the deleted service is back, read-only.
  await openFileMenu(page, 'data-snapshots');
  dialog = page.getByTestId('snapshots-dialog');
  await dialog.getByTestId('asof-time').fill(between);
  await dialog.getByTestId('asof-run').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('asof-banner')).toContainText('read-only');
  await waitForGraph(page, sample.cis.length);
  await expect(page.getByTestId('new-ci')).toHaveCSS('pointer-events', 'none');
  await page.getByTestId('asof-leave').click();
  await expect(page.getByTestId('asof-banner')).toBeHidden();
  await waitForGraph(page, sample.cis.length - 1);
});
