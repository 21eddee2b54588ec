// The browser-mode File menu: New CMDB, Save a copy as, Open recent; the title names the file.
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { statusNumber, waitForGraph } from './support/explore';
import { loadSample } from './support/sample';

const sample = loadSample();

test('New CMDB, Save a copy as and Open recent switch documents and the window title', async ({ page, explore }) => {
  const samplePath = join(explore.dataDir, 'sample-cmdb.faultline');
  await expect(page).toHaveTitle('sample-cmdb.faultline — Faultline');

  // Save a copy: the current document stays open.
  await page.getByTestId('doc-menu').click();
  await page.getByTestId('doc-save-copy').click();
  const dialog = page.getByTestId('doc-path-dialog');
  await expect(dialog.getByTestId('doc-path')).toHaveValue(`${explore.dataDir}/sample-cmdb.faultline copy.faultline`);
  await dialog.getByTestId('doc-path').fill(join(explore.dataDir, 'backup.faultline'));
  await dialog.getByTestId('doc-path-submit').click();
  await expect(dialog.getByTestId('doc-path-done')).toContainText('backup.faultline');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page).toHaveTitle('sample-cmdb.faultline — Faultline');

  // New: an empty CMDB in the same folder.
  await page.getByTestId('doc-menu').click();
  await page.getByTestId('doc-new').click();
  await expect(dialog.getByTestId('doc-path')).toHaveValue(`${explore.dataDir}/untitled.faultline`);
  await dialog.getByTestId('doc-path').fill(join(explore.dataDir, 'lab.faultline'));
  await dialog.getByTestId('doc-path-submit').click();
  await expect(page).toHaveTitle('lab.faultline — Faultline');
  await expect(page.getByTestId('empty-state')).toContainText('no configuration items');
  expect(await statusNumber(page, 'status-total')).toBe(0);

  // A path that exists is refused with the server's message.
  await page.getByTestId('doc-menu').click();
  await page.getByTestId('doc-new').click();
  await dialog.getByTestId('doc-path').fill(samplePath);
  await dialog.getByTestId('doc-path-submit').click();
  await expect(dialog.getByTestId('field-error-path')).toContainText('already exists');
  await page.keyboard.press('Escape');

  // Open recent: back to the sample.
  await page.getByTestId('doc-menu').click();
  await page.getByRole('menuitem', { name: samplePath }).click();
  await expect(page).toHaveTitle('sample-cmdb.faultline — Faultline');
  await waitForGraph(page, sample.cis.length);
});
