// A 100,000-row CSV through the import dialog: the preview shows a progress bar with phase and
// percentage while the worker parses, ends in the preview counts; a second run is cancelled from
// the bar and changes nothing. (That other calls are answered meanwhile is checked, by ordering,
// in test/unit/node/service/import-progress.test.ts.)
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

// Tracing records the 7 MB request body and the page's snapshots while the file is handed over,
// which starves the page on a loaded machine (it then polls its progress a few times at most).
test.use({ trace: 'off' });

const SCREENSHOTS = 'test-results/screenshots';
const ROWS = 100_000;

function bigCsv(rows: number): string {
  const classes = ['server', 'application', 'database', 'virtual_machine'];
  const lines = ['Id,Label,class,criticality,owner,tags,attr.notes,ext.servicenow'];
  for (let i = 0; i < rows; i++) lines.push(`big_${i},Big host ${i},${classes[i % 4]},${1 + (i % 4)},"team, ${i % 50}",a;b,notes ${i},sn${i}`);
  return lines.join('\n');
}

async function docInfo(page: Page, url: string): Promise<{ ciCount: number; revision: number }> {
  const token = new URL(url).searchParams.get('token') ?? '';
  const response = await page.request.post(`${new URL(url).origin}/api/doc.info`, { headers: { Authorization: `Bearer ${token}` }, data: {} });
  const body = (await response.json()) as { ok: boolean; value: { ciCount: number; revision: number } };
  expect(body.ok).toBe(true);
  return body.value;
}

async function chooseBigFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('doc-menu').click();
  await page.getByTestId('data-import').click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-drop-zone')).toBeVisible();
  await dialog.getByTestId('import-file-input').setInputFiles(path);
}

test('a 100,000-row CSV shows its progress while the worker parses, and can be cancelled', async ({ page, explore }) => {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-progress-e2e-'));
  try {
    const path = join(dir, 'big-cis.csv');
    await writeFile(path, bigCsv(ROWS));
    const before = await docInfo(page, explore.url);

    await chooseBigFile(page, path);
    const dialog = page.getByTestId('import-dialog');
    const label = dialog.getByTestId('import-progress-label');
    // The bar shows the worker's phase and a percentage part way: parsing is 0–70% of the preview and
    // collecting the parsed items 70–85% (on a loaded machine the page may poll too rarely to catch both).
    await expect(label).toHaveText(/^(Reading the file…|Parsing rows…|Collecting the parsed items…) ([1-9]|[1-7]\d|8[0-4])%$/);
    const bar = dialog.getByTestId('import-progress-bar');
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}/import-progress.png` });

    await expect(dialog.getByTestId('count-cis-create')).toHaveText(ROWS.toLocaleString('en-US'));
    await expect(dialog.getByTestId('import-progress')).toHaveCount(0);
    await expect(dialog.getByTestId('import-apply')).toBeEnabled();
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(dialog).toHaveCount(0);

    // Again, and cancel from the bar: the preview stops, says so, and nothing changed.
    await chooseBigFile(page, path);
    await expect(dialog.getByTestId('import-progress')).toBeVisible();
    await dialog.getByTestId('import-cancel-preview').click();
    await expect(dialog.getByTestId('import-notice')).toHaveText('The import of big-cis.csv was cancelled; nothing was imported.');
    await expect(dialog.getByTestId('import-progress')).toHaveCount(0);
    await expect(dialog.getByTestId('import-drop-zone')).toBeVisible();
    const after = await docInfo(page, explore.url);
    expect([after.ciCount, after.revision]).toEqual([before.ciCount, before.revision]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
