// An import file over browser mode's 10 MiB request cap (a Faultline snapshot padded to 12 MiB
// with trailing whitespace, which JSON allows): the page streams it to the server and the dialog
// shows its preview, as it would in the desktop app. Before uploads, the server refused it (413).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { REPO_ROOT } from './support/server';

// Tracing would record the 12 MiB request body.
test.use({ trace: 'off' });

test('a 12 MiB import file is previewed and applied in browser mode', async ({ page, explore }) => {
  expect(explore.url).toBeTruthy();
  const dir = await mkdtemp(join(tmpdir(), 'faultline-upload-e2e-'));
  try {
    const snapshot = await readFile(join(REPO_ROOT, 'test/fixtures/import/snapshot.faultline.json'), 'utf8');
    const path = join(dir, 'padded-snapshot.json');
    const padded = `${snapshot}${' '.repeat(12 * 1024 * 1024)}\n`;
    await writeFile(path, padded);

    await page.getByTestId('doc-menu').click();
    await page.getByTestId('data-import').click();
    const dialog = page.getByTestId('import-dialog');
    await expect(dialog.getByTestId('import-drop-zone')).toBeVisible();
    await dialog.getByTestId('import-file-input').setInputFiles(path);

    await expect(dialog.getByTestId('import-apply')).toBeEnabled({ timeout: 60_000 });
    await expect(dialog.getByTestId('import-error')).toHaveCount(0);
    await dialog.getByTestId('import-apply').click();
    await expect(dialog.getByTestId('import-report')).toBeVisible();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
