// Screenshots of the screens a CAB member reads, for people to look at (issue 13): first open,
// simulation with an explanation path, SPOFs, dependencies and as-of on the sample, light and
// dark, at 1280×800 and 1440×900; a 2,000-CI CMDB; a datacenter outage rolled up at 10,000 CIs.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateSyntheticCmdb } from '../support/synthetic-cmdb';
import { expect, test } from './support/fixtures';
import { searchAndSelect, waitForGraph } from './support/explore';
import { startServer } from './support/server';

const DIR = 'test-results/screenshots/cab';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(500); // framing animations and the label pass settle first
  await page.screenshot({ path: `${DIR}/${name}.png` });
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    test(`sample screens, ${colorScheme}, ${size.width}×${size.height}`, async ({ page, server }) => {
      const tag = `${colorScheme}-${size.width}`;
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      await page.goto(server.url);
      await waitForGraph(page);
      await shot(page, `first-open-${tag}`);

      await searchAndSelect(page, 'orders-db primary', 'db-orders-primary');
      await page.getByTestId('simulate-change').click();
      await expect(page.getByTestId('impact-service').first()).toBeVisible();
      await waitForGraph(page);
      await shot(page, `simulation-${tag}`);
      await page.locator('[data-testid="impact-service"][data-ci-id="svc-checkout"]').click();
      await expect(page.getByTestId('impact-path')).toBeVisible();
      await shot(page, `simulation-path-${tag}`);
      await page.getByTestId('spof-button').click();
      await expect(page.getByTestId('spof-row').first()).toBeVisible();
      await waitForGraph(page);
      await shot(page, `spof-${tag}`);
      await page.getByTestId('impact-tab-dependencies').click();
      await expect(page.getByTestId('dependency-row').first()).toBeVisible();
      await waitForGraph(page);
      await shot(page, `dependencies-${tag}`);
      await page.getByTestId('impact-exit').click();

      await page.getByTestId('doc-menu').click();
      await page.getByTestId('data-snapshots').click();
      await page.getByTestId('snapshots-dialog').getByTestId('asof-run').click();
      await expect(page.getByTestId('asof-banner')).toBeVisible();
      await waitForGraph(page);
      await shot(page, `as-of-${tag}`);
    });
  }
}

test('a 2,000-CI CMDB, and a datacenter outage rolled up at 10,000 CIs (light and dark)', async ({ page, dataDir }) => {
  test.setTimeout(900_000);
  for (const [cis, name] of [
    [2000, 'cmdb-2000'],
    [10_000, 'cmdb-10000'],
  ] as const) {
    const file = join(dataDir, `${name}.faultline`);
    await writeFile(file, JSON.stringify(generateSyntheticCmdb({ cis, seed: 3 })));
    const server = await startServer({ dataDir, open: file });
    try {
      await page.setViewportSize({ width: 1440, height: 900 });
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.goto(server.url);
        await waitForGraph(page);
        if (cis === 2000) {
          await shot(page, `${name}-${colorScheme}`);
          continue;
        }
        await searchAndSelect(page, 'Datacenter 0', 'site-0');
        await page.getByTestId('simulate-change').click();
        await expect(page.getByTestId('rollup-group').first()).toBeVisible({ timeout: 120_000 });
        await waitForGraph(page);
        await shot(page, `rollup-datacenter-${colorScheme}`);
      }
    } finally {
      await server.stop();
    }
  }
});
