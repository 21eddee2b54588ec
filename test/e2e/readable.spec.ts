// What a CAB member reads (issue 13): explanation paths as sentences in the relationships' own
// direction, with the failure's direction shown apart from them; a layout that holds from 1280×800.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { searchAndSelect, waitForGraph } from './support/explore';
import { REPO_ROOT, startServer } from './support/server';

const TARGET = 'db-orders-primary';

test('an explanation path reads in the relationships’ direction, with the failure’s direction as arrows', async ({ page, explore }) => {
  void explore;
  await searchAndSelect(page, 'orders-db primary', TARGET);
  await page.getByTestId('simulate-change').click();
  await page.locator('[data-testid="impact-service"][data-ci-id="svc-checkout"]').click();
  const path = page.getByTestId('impact-path');
  await expect(path.getByTestId('impact-path-sentence')).toHaveText(['Order API depends on orders-db primary (fra-pg-orders01)', 'Order API is part of Checkout']);
  await expect(path.locator('.impact-path-arrow')).toHaveText(['↓', '↓']);

  // What the target stands on: the path runs from it to its dependency, the sentence still reads source → target.
  await page.getByTestId('impact-tab-dependencies').click();
  await page.locator('[data-testid="dependency-row"][data-ci-id="vm-pg-orders-1"]').click();
  await expect(page.getByTestId('impact-path').getByTestId('impact-path-sentence')).toHaveText(['orders-db primary (fra-pg-orders01) runs on fra-pg-orders01']);
  await expect(page.getByTestId('impact-path').locator('.impact-path-arrow')).toHaveText(['↑']);
});

/** Whatever sticks out of the viewport horizontally, or a page that scrolls sideways. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
    for (const el of document.querySelectorAll<HTMLElement>('.toolbar > *, .toolbar button, .status-bar > *, .panel, .impact-head button')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && (box.right > root.clientWidth + 0.5 || box.left < -0.5)) problems.push(`${el.className || el.tagName} at ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
    return problems;
  });
}

test('the layout holds at 1280×800 after an undo with a long document name: no sideways scroll, nothing clipped', async ({ page, dataDir }) => {
  const longName = 'datacentre-frankfurt-and-amsterdam-production-cmdb-export-2026-q4-final-reviewed.faultline';
  const path = join(dataDir, longName);
  copyFileSync(join(REPO_ROOT, 'resources/sample-cmdb.faultline'), path);
  const server = await startServer({ dataDir, open: path });
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(server.url);
    await waitForGraph(page);
    const toolbar = page.getByTestId('toolbar');
    const height = (await toolbar.boundingBox())!.height;
    expect(await overflow(page)).toEqual([]);
    // The long name is cut with an ellipsis and given whole on hover.
    const title = page.getByTestId('doc-title');
    await expect(title).toHaveAttribute('title', new RegExp(longName));
    expect(await title.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);

    // Delete a long-named CI, undo: both the undo and the redo button now carry a label.
    await searchAndSelect(page, 'orders-db analytics replica', 'db-orders-analytics-replica');
    await page.getByTestId('delete-ci').click();
    await page.getByTestId('delete-ci-dialog').getByTestId('confirm').click();
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('redo')).toBeEnabled();
    await expect(page.getByTestId('redo')).toHaveAttribute('title', /orders-db analytics replica/);
    expect((await toolbar.boundingBox())!.height).toBe(height);
    expect(await overflow(page)).toEqual([]);

    // The simulation panel's head keeps "Exit simulation" in view.
    await searchAndSelect(page, 'orders-db analytics replica', 'db-orders-analytics-replica');
    await page.getByTestId('simulate-change').click();
    await expect(page.getByTestId('impact-exit')).toBeVisible();
    expect((await toolbar.boundingBox())!.height).toBe(height);
    expect(await overflow(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/layout-1280-after-undo.png' });
    for (const width of [1440, 1700]) {
      await page.setViewportSize({ width, height: 900 });
      expect((await toolbar.boundingBox())!.height, `at ${width} px`).toBe(height);
      expect(await overflow(page), `at ${width} px`).toEqual([]);
    }
  } finally {
    await server.stop();
  }
});
