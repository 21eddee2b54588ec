// The canvas keeps its nodes clear of what sits around and over it (issue 13): the legend is one
// line below the canvas (what does not fit waits behind "+N more"), and a fit leaves the
// overview's corner free. Measured from the page's boxes and Cytoscape's own node boxes.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateSyntheticCmdb } from '../support/synthetic-cmdb';
import { startServer } from './support/server';
import { expect, test } from './support/fixtures';
import { waitForGraph, type HookHost } from './support/explore';
import { loadSample } from './support/sample';

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
type RoomHost = { __faultlineGraph: { nodeIds(): string[]; renderedBox(id: string): Box | null } };

async function nodeBoxes(page: Page): Promise<{ id: string; box: Box }[]> {
  return page.evaluate(() => {
    const hook = (globalThis as unknown as RoomHost).__faultlineGraph;
    return hook.nodeIds().map((id) => ({ id, box: hook.renderedBox(id)! }));
  });
}

async function pageBox(page: Page, testId: string): Promise<Box> {
  const b = (await page.getByTestId(testId).boundingBox())!;
  return { x1: b.x, y1: b.y, x2: b.x + b.width, y2: b.y + b.height };
}

const overlaps = (a: Box, b: Box) => Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 0.5 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 0.5;
const inside = (a: Box, outer: Box) => a.x1 >= outer.x1 - 0.5 && a.y1 >= outer.y1 - 0.5 && a.x2 <= outer.x2 + 0.5 && a.y2 <= outer.y2 + 0.5;

/** Nodes drawn outside the canvas or under the overview (or its button). */
async function coveredNodes(page: Page): Promise<string[]> {
  const canvas = await pageBox(page, 'graph-canvas');
  const covers: Box[] = [];
  if (await page.getByTestId('minimap-box').isVisible()) covers.push(await pageBox(page, 'minimap-box'));
  return (await nodeBoxes(page)).filter(({ box }) => !inside(box, canvas) || covers.some((c) => overlaps(box, c))).map(({ id }) => id);
}

async function settle(page: Page): Promise<void> {
  await waitForGraph(page);
  await page.waitForTimeout(400);
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as HookHost).__faultlineGraph?.isSettled() ?? false)).toBe(true);
}

test('at 1280×800 the legend is one line below the canvas; "+N more" unfolds it without covering the graph', async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url);
  await waitForGraph(page, loadSample().cis.length);
  const strip = page.getByTestId('legend-strip');
  const oneLine = (await strip.boundingBox())!.height;
  expect(oneLine).toBeLessThanOrEqual(34);
  // The entries shown sit on one line, and the rest is counted behind the button.
  const tops = await page.getByTestId('legend-row').locator(':scope > :not(.legend-folded)').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
  expect(tops.length).toBeGreaterThan(3);
  expect(new Set(tops).size).toBe(1);
  const more = page.getByTestId('legend-more');
  await expect(more).toHaveText(/^\+\d+ more$/);
  expect((await pageBox(page, 'graph-canvas')).y2).toBeLessThanOrEqual((await pageBox(page, 'legend-strip')).y1 + 0.5);

  await more.click();
  await expect(page.getByTestId('legend-row').locator('.legend-folded')).toHaveCount(0);
  await expect(page.getByTestId('legend-class-site')).toBeVisible();
  expect((await strip.boundingBox())!.height).toBeGreaterThan(oneLine);
  expect((await pageBox(page, 'graph-canvas')).y2).toBeLessThanOrEqual((await pageBox(page, 'legend-strip')).y1 + 0.5);
  await more.click();
  await expect.poll(async () => (await strip.boundingBox())!.height).toBe(oneLine);

  // While simulating, the impact legend is one line too.
  await page.keyboard.press('Control+k');
  await page.getByTestId('search-input').fill('orders-db primary');
  await page.locator('[data-testid="search-result"][data-ci-id="db-orders-primary"]').click();
  await page.getByTestId('simulate-change').click();
  await expect(page.getByTestId('impact-legend')).toBeVisible();
  expect((await strip.boundingBox())!.height).toBeLessThanOrEqual(34);
});

for (const size of [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]) {
  test(`at ${size.width}×${size.height} a fit leaves the overview's corner free; folded, it is a small button`, async ({ page, server }) => {
    await page.setViewportSize(size);
    await page.goto(server.url);
    await waitForGraph(page, loadSample().cis.length);
    await settle(page);
    await expect(page.getByTestId('minimap')).toBeVisible();
    expect(await coveredNodes(page)).toEqual([]);
    // A wide picture (top to bottom) and a force layout: the corner stays free too.
    for (const choice of ['layered:DOWN', 'force:DOWN']) {
      await page.getByTestId('layout-choice').selectOption(choice);
      await settle(page);
      expect(await coveredNodes(page), choice).toEqual([]);
    }
    // Hiding the legend gives the canvas more height; fitting again still keeps the corner free.
    await page.getByTestId('legend-toggle').click();
    await page.getByTestId('fit').click();
    await settle(page);
    expect(await coveredNodes(page)).toEqual([]);

    await page.getByTestId('minimap-toggle').click();
    await expect(page.getByTestId('minimap')).toBeHidden();
    await expect(page.getByTestId('minimap-toggle')).toHaveText('Overview');
    const folded = await pageBox(page, 'minimap-box');
    expect(folded.y2 - folded.y1).toBeLessThanOrEqual(30);
    await page.getByTestId('minimap-toggle').click();
    await expect(page.getByTestId('minimap')).toBeVisible();
  });
}

test('a 973-CI view of a 2,000-CI CMDB (its containers) keeps the overview\'s corner free at 1280×800 and 1440×900', async ({ page, dataDir }) => {
  test.setTimeout(600_000);
  const file = join(dataDir, 'cmdb-2000.faultline');
  await writeFile(file, JSON.stringify(generateSyntheticCmdb({ cis: 2000, seed: 3 })));
  const server = await startServer({ dataDir, open: file });
  try {
    for (const size of [
      { width: 1280, height: 800 },
      { width: 1440, height: 900 },
    ]) {
      await page.setViewportSize(size);
      await page.goto(server.url);
      await settle(page);
      await page.getByTestId('filter-class-container').check();
      await expect.poll(() => page.evaluate(() => (globalThis as unknown as HookHost).__faultlineGraph?.nodeIds().length ?? 0), { timeout: 120_000 }).toBeGreaterThan(900);
      await settle(page);
      await expect(page.getByTestId('minimap')).toBeVisible();
      await page.getByTestId('fit').click();
      await settle(page);
      expect(await coveredNodes(page), `${size.width}×${size.height}`).toEqual([]);
    }
  } finally {
    await server.stop();
  }
});
