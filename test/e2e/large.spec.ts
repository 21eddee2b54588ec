// A 2,000-CI CMDB (over the view cap of 1,000): the screen opens on a neighbourhood and says
// why, stays usable while the layout runs in its worker, and search moves the view elsewhere.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSyntheticCmdb } from '../support/synthetic-cmdb';
import { expect, test } from './support/fixtures';
import { graphNodeIds, selectedIds, statusNumber, waitForGraph } from './support/explore';
import { startServer } from './support/server';

test('a CMDB over the view cap opens in neighbourhood view with a notice and stays responsive', async ({ page, dataDir }) => {
  test.setTimeout(900_000);
  const doc = generateSyntheticCmdb({ cis: 2000, seed: 1 });
  const file = join(dataDir, 'large.faultline');
  await writeFile(file, JSON.stringify(doc));
  const server = await startServer({ dataDir, open: file });
  try {
    await page.goto(server.url);
    const notice = page.getByTestId('view-notice');
    await expect(notice).toBeVisible({ timeout: 60_000 });
    await expect(notice).toContainText('view cap');
    expect(await statusNumber(page, 'status-total')).toBe(2000);
    expect(await statusNumber(page, 'status-matching')).toBe(2000);
    const shown = await statusNumber(page, 'status-shown');
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(1000);

    // The page answers while the layout runs off the main thread: search opens and finds CIs.
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').fill(doc.cis[1500].name);
    await expect(page.locator(`[data-testid="search-result"][data-ci-id="${doc.cis[1500].id}"]`)).toBeVisible();
    await page.keyboard.press('Escape');

    await waitForGraph(page, shown);
    // The inspector shows where the server centred the view.
    await expect(page.getByTestId('inspector-name')).not.toBeEmpty();
    await page.screenshot({ path: 'test-results/screenshots/explore-large-light.png' });

    // A CI outside the view: search switches to its neighbourhood.
    const inView = new Set(await graphNodeIds(page));
    const outside = doc.cis.find((ci) => !inView.has(ci.id) && ci.class === 'database')!;
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').fill(outside.name);
    await page.locator(`[data-testid="search-result"][data-ci-id="${outside.id}"]`).click();
    await expect(page.getByTestId('neighbourhood-centre')).toHaveText(outside.name);
    await expect.poll(() => selectedIds(page), { timeout: 120_000 }).toEqual([outside.id]);
    await waitForGraph(page, await statusNumber(page, 'status-shown'));
    expect(await graphNodeIds(page)).toContain(outside.id);
  } finally {
    await server.stop();
  }
});
