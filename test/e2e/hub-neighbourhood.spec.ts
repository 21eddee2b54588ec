// A hub's neighbourhood reads as one picture (issue 13): on a generated 2,000-CI CMDB, the 91
// CIs hosted in "Datacenter 0" are drawn as a few counted groups instead of a fan of 91 edges;
// clicking a group draws its members. The status bar counts what the canvas shows.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateSyntheticCmdb } from '../support/synthetic-cmdb';
import { expect, test } from './support/fixtures';
import { graphNodeIds, searchAndSelect, statusNumber, waitForGraph, type HookHost } from './support/explore';
import { startServer } from './support/server';

const SHOTS = process.env.FAULTLINE_SHOTS ?? 'test-results/screenshots';

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
type BoxHost = { __faultlineGraph: { nodeIds(): string[]; renderedBox(id: string): Box | null; labelBoxes(): { id: string; box: Box }[] } };

async function settled(page: Page): Promise<void> {
  await waitForGraph(page);
  await page.waitForTimeout(500);
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as HookHost).__faultlineGraph?.isSettled() ?? false)).toBe(true);
}

/** Nodes not wholly inside the canvas, and pairs of drawn labels that overlap. */
async function problems(page: Page): Promise<string[]> {
  const c = (await page.getByTestId('graph-canvas').boundingBox())!;
  return page.evaluate((canvas) => {
    const hook = (globalThis as unknown as BoxHost).__faultlineGraph;
    const out: string[] = [];
    for (const id of hook.nodeIds()) {
      const b = hook.renderedBox(id)!;
      if (b.x1 < canvas.x || b.y1 < canvas.y || b.x2 > canvas.x + canvas.width || b.y2 > canvas.y + canvas.height) out.push(`${id} outside the canvas`);
    }
    const labels = hook.labelBoxes();
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i].box;
        const b = labels[j].box;
        if (Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 1 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 1) out.push(`${labels[i].id} × ${labels[j].id}`);
      }
    return out;
  }, c);
}

test('the neighbourhood of a datacenter in a 2,000-CI CMDB: counted groups, readable, expandable', async ({ page, dataDir }) => {
  test.setTimeout(600_000);
  const file = join(dataDir, 'cmdb-2000.faultline');
  await writeFile(file, JSON.stringify(generateSyntheticCmdb({ cis: 2000, seed: 3 })));
  const server = await startServer({ dataDir, open: file });
  try {
    for (const [size, colorScheme] of [
      [{ width: 1280, height: 800 }, 'light'],
      [{ width: 1280, height: 800 }, 'dark'],
      [{ width: 1440, height: 900 }, 'light'],
      [{ width: 1440, height: 900 }, 'dark'],
    ] as const) {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      await page.goto(server.url);
      await waitForGraph(page);
      await searchAndSelect(page, 'Datacenter 0', 'site-0');
      await page.getByTestId('neighbourhood-toggle').check();
      await expect(page.getByTestId('neighbourhood-centre')).toHaveText('Datacenter 0');
      await expect.poll(async () => (await graphNodeIds(page)).filter((id) => id.startsWith('hood-group:')).length).toBeGreaterThan(0);
      await settled(page);
      const ids = await graphNodeIds(page);
      // 92 CIs, drawn as the site, its few network and storage CIs and a group of its servers.
      expect(ids.length).toBeLessThanOrEqual(15);
      expect(ids).toContain('site-0');
      const group = ids.find((id) => id.startsWith('hood-group:site-0|server|hosted_on'))!;
      expect(group).toBeTruthy();
      expect(await statusNumber(page, 'status-shown')).toBe(ids.length);
      await expect(page.getByTestId('legend-groups')).toHaveText(/^\d+ CIs in \d+ groups?: click one to draw its members$/);
      await expect(page.getByTestId('legend-groups')).toBeVisible();
      const labelled = await page.evaluate(() => (globalThis as unknown as BoxHost).__faultlineGraph.labelBoxes().map((l) => l.id));
      expect(labelled).toEqual(expect.arrayContaining(['site-0', group]));
      expect(await problems(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/hub-neighbourhood-${colorScheme}-${size.width}.png` });

      // Clicking the group draws its members.
      const p = await page.evaluate((id) => (globalThis as unknown as { __faultlineGraph: { renderedPosition(id: string): { x: number; y: number } } }).__faultlineGraph.renderedPosition(id), group);
      await page.mouse.click(p.x, p.y);
      await expect.poll(async () => (await graphNodeIds(page)).length).toBeGreaterThan(80);
      await settled(page);
      expect(await graphNodeIds(page)).not.toContain(group);
      expect(await statusNumber(page, 'status-shown')).toBe((await graphNodeIds(page)).length);
      await page.screenshot({ path: `${SHOTS}/hub-neighbourhood-expanded-${colorScheme}-${size.width}.png` });
      await page.getByTestId('neighbourhood-toggle').uncheck();
    }
  } finally {
    await server.stop();
  }
});
