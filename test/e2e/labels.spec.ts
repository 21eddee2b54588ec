// Labels never overlap where the layout can avoid it (issue 13): zoomed out, the CIs that matter
// are labelled where there is room and the rest wait for hovering or zooming in. Overlap is
// measured from Cytoscape's own label boxes of the labels it draws.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { searchAndSelect, waitForGraph, type HookHost } from './support/explore';
import { loadSample } from './support/sample';

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
type LabelHost = { __faultlineGraph: { labelBoxes(): { id: string; box: Box }[]; renderedPosition(id: string): { x: number; y: number } | null; labelledIds(): string[] } };

const labelBoxes = (page: Page) => page.evaluate(() => (globalThis as unknown as LabelHost).__faultlineGraph.labelBoxes());

/** Pairs of drawn labels that overlap by more than a pixel each way, and labels cut by the canvas's edge. */
async function labelProblems(page: Page): Promise<string[]> {
  const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
  const labels = await labelBoxes(page);
  const problems: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    const a = labels[i].box;
    if (a.x1 < canvas.x - 1 || a.y1 < canvas.y - 1 || a.x2 > canvas.x + canvas.width + 1 || a.y2 > canvas.y + canvas.height + 1) problems.push(`${labels[i].id} cut by the edge`);
    for (let j = i + 1; j < labels.length; j++) {
      const b = labels[j].box;
      if (Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 1 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 1) problems.push(`${labels[i].id} × ${labels[j].id}`);
    }
  }
  return problems;
}

async function settled(page: Page): Promise<void> {
  await waitForGraph(page);
  await page.waitForTimeout(500); // the label pass runs on the next frames
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as HookHost).__faultlineGraph?.isSettled() ?? false)).toBe(true);
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]) {
  test(`at ${size.width}×${size.height} no two labels overlap: first sight, Checkout's 26 SPOFs, the blast radius`, async ({ page, server }) => {
    await page.setViewportSize(size);
    await page.goto(server.url);
    await waitForGraph(page, loadSample().cis.length);
    await settled(page);
    expect(await labelProblems(page)).toEqual([]);

    await searchAndSelect(page, 'orders-db primary', 'db-orders-primary');
    await page.getByTestId('simulate-change').click();
    await expect(page.getByTestId('impact-service').first()).toBeVisible();
    await settled(page);
    expect(await labelProblems(page)).toEqual([]);

    await page.locator('[data-testid="impact-service"][data-ci-id="svc-checkout"]').click();
    await page.getByTestId('spof-button').click();
    await expect(page.getByTestId('spof-row')).toHaveCount(26);
    await settled(page);
    const spofLabels = await labelBoxes(page);
    expect(await labelProblems(page)).toEqual([]);
    // The service itself is labelled, and most of the picture is.
    expect(spofLabels.map((l) => l.id)).toContain('svc-checkout');
    expect(spofLabels.length).toBeGreaterThanOrEqual(10);

    // A CI left unlabelled shows its label under the pointer.
    const all = await page.evaluate(() => (globalThis as unknown as HookHost).__faultlineGraph!.nodeIds());
    const unlabelled = all.filter((id) => !spofLabels.some((l) => l.id === id));
    if (unlabelled.length) {
      const p = (await page.evaluate((id) => (globalThis as unknown as LabelHost).__faultlineGraph.renderedPosition(id), unlabelled[0]))!;
      await page.mouse.move(p.x, p.y);
      await expect.poll(async () => (await labelBoxes(page)).map((l) => l.id)).toContain(unlabelled[0]);
      expect(await labelProblems(page)).toEqual([]);
    }
  });
}
