// Helpers to drive the Explore screen: read the canvas through the read-only test hook,
// search, and wait for the graph to settle after a view change.
import { expect, type Page } from '@playwright/test';

/** window.__faultlineGraph as the renderer installs it (src/renderer/graph/test-hook.ts). */
export interface GraphHook {
  nodeIds(): string[];
  edgeIds(): string[];
  selectedIds(): string[];
  renderedPosition(id: string): { x: number; y: number } | null;
  isSettled(): boolean;
  labelledIds(): string[];
  keyLabelIds(): string[];
}
/** The page's global object, seen from Node (tsconfig.node has no DOM types). */
export type HookHost = { __faultlineGraph?: GraphHook };

export async function graphNodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as HookHost).__faultlineGraph?.nodeIds() ?? []);
}

export async function graphEdgeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as HookHost).__faultlineGraph?.edgeIds() ?? []);
}

export async function selectedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as HookHost).__faultlineGraph?.selectedIds() ?? []);
}

/** Waits until the graph has settled (laid out, no animation) with `count` nodes, or with any nodes when no count is given. */
export async function waitForGraph(page: Page, count?: number): Promise<void> {
  const settledCount = () =>
    page.evaluate(() => {
      const hook = (globalThis as unknown as HookHost).__faultlineGraph;
      return hook && hook.isSettled() ? hook.nodeIds().length : -1;
    });
  if (count === undefined) await expect.poll(settledCount, { timeout: 300_000 }).toBeGreaterThan(0);
  else await expect.poll(settledCount, { timeout: 300_000 }).toBe(count);
}

/** Waits until the canvas shows exactly these node ids (order ignored) and has settled. */
export async function expectGraphNodes(page: Page, ids: string[]): Promise<void> {
  const wanted = [...ids].sort();
  await expect
    .poll(async () => page.evaluate(() => ((globalThis as unknown as HookHost).__faultlineGraph?.isSettled() ? (globalThis as unknown as HookHost).__faultlineGraph!.nodeIds() : null)), {
      timeout: 300_000,
    })
    .toEqual(wanted);
}

export async function statusNumber(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(text.replace(/[^0-9]/g, ''));
}

/** Ctrl+K, type, pick the hit with this CI id. */
export async function searchAndSelect(page: Page, query: string, ciId: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('search-input');
  await expect(input).toBeFocused();
  await input.fill(query);
  const hit = page.locator(`[data-testid="search-result"][data-ci-id="${ciId}"]`);
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page.getByTestId('search-dialog')).toBeHidden();
}

export async function labelledIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as HookHost).__faultlineGraph?.labelledIds() ?? []);
}

/** Opens the app at `url` and, once the graph is drawn, searches for and selects one CI. */
export async function openAndSelect(page: Page, url: string, query: string, ciId: string): Promise<void> {
  await page.goto(url);
  await waitForGraph(page);
  await searchAndSelect(page, query, ciId);
}
