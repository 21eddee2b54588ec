// What a CAB member reads (issue 13): explanation paths as sentences in the relationships' own
// direction, with the failure's direction shown apart from them; a layout that holds from 1280×800.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { pngTexts } from '../../src/renderer/data/picture-frame';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { graphEdgeIds, graphNodeIds, labelledIds, searchAndSelect, selectedIds, statusNumber, waitForGraph, type GraphHook } from './support/explore';
import { loadSample } from './support/sample';
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

/** The little of the page's DOM the checks read (tsconfig.node has no DOM types). */
interface PageDocument {
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelectorAll(selector: string): Iterable<{ className: string; tagName: string; getBoundingClientRect(): { left: number; right: number; width: number } }>;
}

/** Whatever sticks out of the viewport horizontally, or a page that scrolls sideways. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    const root = doc.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
    for (const el of doc.querySelectorAll('.toolbar > *, .toolbar button, .status-bar > *, .panel, .impact-head button')) {
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
    // (A cache: the sample's database maintenance window names every database, which may not be deleted while it does.)
    await searchAndSelect(page, 'recommendations feature cache', 'cache-reco');
    await page.getByTestId('delete-ci').click();
    await page.getByTestId('delete-ci-dialog').getByTestId('confirm').click();
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('redo')).toBeEnabled();
    await expect(page.getByTestId('redo')).toHaveAttribute('title', /recommendations feature cache/);
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

test('first sight: the services and hubs are labelled without zooming, every label once zoomed in, the legend beside the graph', async ({ page, explore }) => {
  void explore;
  const sample = loadSample();
  const degree = new Map<string, number>();
  for (const r of sample.relationships) for (const id of [r.source, r.target]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const services = sample.cis.filter((c) => c.class === 'business_service' || c.class === 'technical_service').map((c) => c.id);
  await waitForGraph(page, sample.cis.length);
  // The fitted sample is far too small for ordinary labels …
  await expect.poll(async () => (await labelledIds(page)).length).toBeLessThan(sample.cis.length / 2);
  // … but nearly every service is labelled (a label that would overlap another waits for hovering: labels.spec.ts), and so are most hubs.
  await expect.poll(async () => { const on = new Set(await labelledIds(page)); return services.filter((id) => on.has(id)).length; }).toBeGreaterThanOrEqual(Math.ceil(services.length * 0.8));
  const shown = new Set(await labelledIds(page));
  await page.screenshot({ path: 'test-results/screenshots/first-sight-light.png' });
  const hubs = [...degree].filter(([, d]) => d >= 8).map(([id]) => id);
  expect(hubs.filter((id) => shown.has(id)).length).toBeGreaterThan(hubs.length / 2);

  // The legend sits below the canvas, never over it; hidden, it gives the room back.
  const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
  const legend = (await page.getByTestId('legend').boundingBox())!;
  expect(canvas.y + canvas.height).toBeLessThanOrEqual(legend.y + 0.5);
  await page.getByTestId('legend-toggle').click();
  await expect(page.getByTestId('legend')).toBeHidden();
  expect((await page.getByTestId('graph-canvas').boundingBox())!.height).toBeGreaterThan(canvas.height);
  await page.getByTestId('legend-toggle').click();
  await expect(page.getByTestId('legend')).toBeVisible();

  // Zoomed in, every CI on screen has its label.
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  for (let i = 0; i < 5; i++) await page.getByTestId('zoom-in').click();
  await expect.poll(async () => page.evaluate(() => (globalThis as unknown as { __faultlineGraph: { isSettled(): boolean } }).__faultlineGraph.isSettled())).toBe(true);
  const zoomedIn = await page.evaluate((area) => {
    const hook = (globalThis as unknown as { __faultlineGraph: GraphHook }).__faultlineGraph;
    const inView = hook.nodeIds().filter((id) => {
      const p = hook.renderedPosition(id)!;
      return p.x >= area.x && p.y >= area.y && p.x <= area.x + area.width && p.y <= area.y + area.height;
    });
    const labelled = new Set(hook.labelledIds());
    return { labelled: inView.filter((id) => labelled.has(id)).length, all: inView.length };
  }, box);
  expect(zoomedIn.all).toBeGreaterThan(0);
  expect(zoomedIn.labelled).toBe(zoomedIn.all);
});

/** window.__faultlineImpact (src/renderer/impact/impact-overlay.ts). */
type ImpactHost = { __faultlineImpact?: { classesOf(id: string): string[] | null; nodesWithClass(c: string): string[] } };
const classesOf = (page: Page, id: string) => page.evaluate((ciId) => (globalThis as unknown as ImpactHost).__faultlineImpact?.classesOf(ciId) ?? null, id);
const nodesWithClass = (page: Page, cls: string) => page.evaluate((c) => (globalThis as unknown as ImpactHost).__faultlineImpact?.nodesWithClass(c) ?? [], cls);

async function expectStatusMatchesCanvas(page: Page, what: string): Promise<void> {
  await waitForGraph(page);
  await expect
    .poll(async () => ({ nodes: (await graphNodeIds(page)).length, edges: (await graphEdgeIds(page)).length }), { message: what })
    .toEqual({ nodes: await statusNumber(page, 'status-shown'), edges: await statusNumber(page, 'status-edges') });
}

test('one mode at a time: the status bar counts the canvas, SPOFs replace the blast radius, dependencies name no change target', async ({ page, explore }) => {
  void explore;
  await searchAndSelect(page, 'orders-db primary', TARGET);
  await page.getByTestId('simulate-change').click();
  await expect(page.getByTestId('impact-service').first()).toBeVisible();
  await expect.poll(() => nodesWithClass(page, 'impact-target')).toEqual([TARGET]);
  await expectStatusMatchesCanvas(page, 'simulation');
  expect(await statusNumber(page, 'status-shown')).toBeLessThan(loadSample().cis.length);

  // SPOFs of Checkout: its own picture, not drawn over the blast radius's colours.
  await page.locator('[data-testid="impact-service"][data-ci-id="svc-checkout"]').click();
  await page.getByTestId('spof-button').click();
  await expect(page.getByTestId('spof-row').first()).toBeVisible();
  await expect.poll(() => nodesWithClass(page, 'impact-spof')).not.toEqual([]);
  await expectStatusMatchesCanvas(page, 'SPOFs');
  for (const level of ['impact-down', 'impact-degraded', 'impact-at_risk', 'impact-target']) expect(await nodesWithClass(page, level), level).toEqual([]);
  await expect(page.getByTestId('impact-legend')).toContainText('Single point of failure');
  await expect(page.getByTestId('impact-legend')).not.toContainText('Degraded');
  await page.getByTestId('impact-exit').click();

  // "What it stands on" from the right-click menu: the dependencies of Checkout, no change target.
  await waitForGraph(page);
  await searchAndSelect(page, 'Checkout', 'svc-checkout');
  await page.waitForTimeout(400); // the centring animation
  const p = await page.evaluate(() => (globalThis as unknown as { __faultlineGraph: GraphHook }).__faultlineGraph.renderedPosition('svc-checkout')!);
  await page.mouse.click(p.x, p.y, { button: 'right' });
  await page.getByTestId('context-dependencies').click();
  await expect(page.getByTestId('dependencies')).toBeVisible();
  await expect(page.getByTestId('dependency-row').first()).toBeVisible();
  await expect(page.getByTestId('impact-target')).toHaveCount(0);
  await expect.poll(() => nodesWithClass(page, 'impact-root')).toEqual(['svc-checkout']);
  expect(await nodesWithClass(page, 'impact-target')).toEqual([]);
  expect(await classesOf(page, 'svc-checkout')).not.toContain('impact-down');
  await expectStatusMatchesCanvas(page, 'dependencies');
});

test('as of a past time: search lists only the CIs that existed then, and choosing one stays in the as-of view', async ({ page, explore }) => {
  await waitForGraph(page);
  const token = new URL(explore.url).searchParams.get('token')!;
  await page.waitForTimeout(1100);
  const before = await page.evaluate(() => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  });
  await page.waitForTimeout(1100);
  const created = await page.request.post(`${explore.origin}/api/ci.create`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { ci: { name: 'Zebra ledger API', class: 'application', environment: 'production', criticality: 2, owner: 'team-ledger' } },
  });
  expect(created.ok()).toBe(true);
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /Zebra ledger API/);

  await page.getByTestId('doc-menu').click();
  await page.getByTestId('data-snapshots').click();
  const dialog = page.getByTestId('snapshots-dialog');
  await dialog.getByTestId('asof-time').fill(before);
  await dialog.getByTestId('asof-run').click();
  await expect(page.getByTestId('asof-banner')).toBeVisible();
  await waitForGraph(page, loadSample().cis.length);

  await page.keyboard.press('Control+k');
  await page.getByTestId('search-input').fill('Zebra ledger');
  await expect(page.getByTestId('search-dialog')).toContainText('No CI');
  await expect(page.getByTestId('search-result')).toHaveCount(0);
  await page.getByTestId('search-input').fill('orders-db primary');
  await page.locator(`[data-testid="search-result"][data-ci-id="${TARGET}"]`).click();
  await expect(page.getByTestId('search-dialog')).toBeHidden();
  await expect.poll(() => selectedIds(page)).toEqual([TARGET]);
  await expect(page.getByTestId('asof-banner')).toBeVisible();
  await waitForGraph(page, loadSample().cis.length);
  await expect(page.getByTestId('new-ci')).toBeDisabled();
});

test('things to hand on: the blast radius as CSV and a Markdown summary, a framed PNG naming its scope', async ({ page, explore, context }) => {
  void explore;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await searchAndSelect(page, 'orders-db primary', TARGET);
  await page.getByTestId('simulate-change').click();
  await expect(page.getByTestId('impact-service').first()).toBeVisible();

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('impact-export-csv').click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8').split('\r\n');
  expect(csv[0]).toBe('Id,Name,Class,Level,Criticality,Hops,Service,Path');
  expect(csv).toContain('svc-checkout,Checkout,Business service,Down,1,2,yes,orders-db primary (fra-pg-orders01) → Order API → Checkout');

  await page.getByTestId('impact-copy').click();
  await expect(page.getByTestId('impact-copied')).toContainText('copied');
  const markdown = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  expect(markdown).toContain('## Blast radius of orders-db primary (fra-pg-orders01) (down)');
  expect(markdown).toContain('| Checkout | Down | 1 | orders-db primary (fra-pg-orders01) → Order API → Checkout |');

  await page.getByTestId('doc-menu').click();
  await page.getByTestId('data-export').click();
  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('export-dialog').getByTestId('export-png').click();
  const png = readFileSync(await (await pngDownload).path());
  expect(pngTexts(png)).toMatchObject({ Title: 'Blast radius of orders-db primary (fra-pg-orders01), down', Software: 'Faultline' });
  expect(pngTexts(png).Description).toMatch(/^sample-cmdb\.faultline · \d{4}-\d\d-\d\d \d\d:\d\d UTC · \d+ CIs, \d+ relationships shown$/);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  // The graph at most 2,400 px, plus the frame: title and legend scaled with the picture (at most 2 × 146 px) and a margin.
  expect(Math.max(width, height)).toBeLessThanOrEqual(2400 + 2 * 146 + 32);
  writeFileSync('test-results/screenshots/export-blast-radius.png', png);
});

test('small but expected: the CI form edits attributes and external ids; undoing a delete selects the CI again', async ({ page, explore }) => {
  const token = new URL(explore.url).searchParams.get('token')!;
  const ciGet = async (id: string) => {
    const response = await page.request.post(`${explore.origin}/api/ci.get`, { headers: { Authorization: `Bearer ${token}` }, data: { id } });
    return ((await response.json()) as { value: { ci: { attributes: Record<string, string>; externalIds: Record<string, string> } } }).value.ci;
  };
  await searchAndSelect(page, 'Order API', 'app-order-api');
  const before = await ciGet('app-order-api');
  await page.getByTestId('edit-ci').click();
  const form = page.getByTestId('ci-form');
  await expect(form.getByTestId('ci-attributes-key')).toHaveCount(Object.keys(before.attributes).length);
  await form.getByTestId('ci-attributes-add').click();
  await form.getByTestId('ci-attributes-key').last().fill('runbook');
  await form.getByTestId('ci-attributes-value').last().fill('https://wiki.example/order-api');
  await form.getByTestId('ci-external-ids-add').click();
  await form.getByTestId('ci-external-ids-value').last().fill('CI0012345');
  await form.getByTestId('ci-form-submit').click();
  // A row with a value but no key is refused, naming the row.
  await expect(form.getByTestId('field-error-externalIds')).toHaveText(`External ids, row ${Object.keys(before.externalIds).length + 1}: the key is empty.`);
  await form.getByTestId('ci-external-ids-key').last().fill('legacy-cmdb');
  await form.getByTestId('ci-form-submit').click();
  await expect(form).toBeHidden();
  const after = await ciGet('app-order-api');
  expect(after.attributes).toEqual({ ...before.attributes, runbook: 'https://wiki.example/order-api' });
  expect(after.externalIds).toEqual({ ...before.externalIds, 'legacy-cmdb': 'CI0012345' });

  // Delete it, undo: it is back and selected.
  await page.getByTestId('delete-ci').click();
  await page.getByTestId('delete-ci-dialog').getByTestId('confirm').click();
  await expect.poll(() => selectedIds(page)).toEqual([]);
  await page.getByTestId('undo').click();
  await expect.poll(() => selectedIds(page)).toEqual(['app-order-api']);
  await expect(page.getByTestId('inspector-name')).toHaveText('Order API');
});

test('a large view has an overview: clicking it moves the view there', async ({ page, explore }) => {
  void explore;
  const sample = loadSample();
  await waitForGraph(page, sample.cis.length);
  const minimap = page.getByTestId('minimap');
  await expect(minimap).toBeVisible();
  for (let i = 0; i < 4; i++) await page.getByTestId('zoom-in').click();
  const pan = () => page.evaluate(() => (globalThis as unknown as { __faultlineGraph: GraphHook }).__faultlineGraph.renderedPosition('svc-checkout'));
  const before = (await pan())!;
  const box = (await minimap.boundingBox())!;
  await page.mouse.click(box.x + 8, box.y + 8);
  await expect.poll(async () => Math.abs((await pan())!.y - before.y) + Math.abs((await pan())!.x - before.x)).toBeGreaterThan(50);
  // A small view has no overview.
  await searchAndSelect(page, 'Checkout', 'svc-checkout');
  await page.getByTestId('neighbourhood-toggle').check();
  await waitForGraph(page);
  await expect(minimap).toBeHidden();
});
