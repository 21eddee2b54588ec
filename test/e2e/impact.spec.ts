// Change simulation on the sample CMDB (resources/sample/README.md, "The demo change: orders-db
// primary down"): levels on the graph and in the panel, an explanation path, Checkout's SPOFs,
// dependencies, the impact-plus-context view, and leaving it with nothing written.
import type { APIRequestContext, Page } from '@playwright/test';
import { CHECKOUT_SPOFS, ORDERS_PRIMARY_CHANGE } from '../../resources/sample/sample-cmdb.source';
import { expect, test } from './support/fixtures';
import { expectGraphNodes, graphNodeIds, searchAndSelect, waitForGraph, type HookHost } from './support/explore';
import { loadSample } from './support/sample';
import type { RunningServer } from './support/server';

const sample = loadSample();
const TARGET = 'db-orders-primary';
const expected: Record<string, string> = ORDERS_PRIMARY_CHANGE.expected;
const impactedIds = Object.keys(expected).sort();
const serviceIds = impactedIds.filter((id) => {
  const ci = sample.cis.find((c) => c.id === id)!;
  return ci.class === 'business_service' || ci.class === 'technical_service';
});

/** window.__faultlineImpact as src/renderer/impact/impact-overlay.ts installs it. */
type ImpactHost = { __faultlineImpact?: { classesOf(id: string): string[] | null; nodesWithClass(c: string): string[]; edgesWithClass(c: string): string[] } };

const classesOf = (page: Page, id: string) =>
  page.evaluate((ciId) => (globalThis as unknown as ImpactHost).__faultlineImpact?.classesOf(ciId) ?? null, id);
const nodesWithClass = (page: Page, cls: string) =>
  page.evaluate((c) => (globalThis as unknown as ImpactHost).__faultlineImpact?.nodesWithClass(c) ?? [], cls);
const edgesWithClass = (page: Page, cls: string) =>
  page.evaluate((c) => (globalThis as unknown as ImpactHost).__faultlineImpact?.edgesWithClass(c) ?? [], cls);

async function docInfo(request: APIRequestContext, server: RunningServer): Promise<{ revision: number; ciCount: number; relationshipCount: number }> {
  const token = new URL(server.url).searchParams.get('token')!;
  const response = await request.post(`${server.origin}/api/doc.info`, { headers: { Authorization: `Bearer ${token}` }, data: {} });
  const body = (await response.json()) as { ok: boolean; value: { revision: number; ciCount: number; relationshipCount: number } };
  expect(body.ok).toBe(true);
  return body.value;
}

async function simulateOrdersPrimary(page: Page): Promise<void> {
  await searchAndSelect(page, 'orders-db primary', TARGET);
  await page.getByTestId('simulate-change').click();
  await expect(page.getByTestId('impact-panel')).toBeVisible();
  await expect(page.getByTestId('impact-service')).toHaveCount(serviceIds.length);
  await expect.poll(() => nodesWithClass(page, 'impact-target')).toEqual([TARGET]);
}

test('simulating the orders-db primary going down colours the sample as the README says, explains Checkout and lists its SPOFs', async ({
  page,
  explore,
  request,
}) => {
  const before = await docInfo(request, explore);
  await simulateOrdersPrimary(page);

  // Panel: every impacted service with the README's level, counts per level, the redundancy group.
  const rows = page.getByTestId('impact-service');
  const shown = await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-ci-id'), e.getAttribute('data-level')]));
  expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(serviceIds.map((id) => [id, expected[id]])));
  // Ranked by criticality, then level: mission-critical Checkout (down) comes first.
  expect(shown[0]).toEqual(['svc-checkout', 'down']);
  const count = (level: string) => Object.values(expected).filter((l) => l === level).length;
  await expect(page.getByTestId('impact-count-down')).toContainText(String(count('down')));
  await expect(page.getByTestId('impact-count-degraded')).toContainText(String(count('degraded')));
  await expect(page.getByTestId('impact-count-at_risk')).toContainText(String(count('at_risk')));
  await expect(page.getByTestId('impact-total')).toHaveText(`${impactedIds.length} CIs impacted`);
  const group = page.locator(`[data-testid="impact-redundancy"][data-ci-id="${ORDERS_PRIMARY_CHANGE.redundancyGroup.ciId}"]`);
  await expect(group).toContainText('lost 1 of 3, needs 2');
  await expect(group).toHaveAttribute('data-level', 'at_risk');

  // Graph: the impacted CIs plus one hop of context; the target outlined, every impacted CI in its
  // level's colour, the context dimmed.
  const core = new Set([TARGET, ...impactedIds]);
  const context = new Set(core);
  for (const r of sample.relationships) {
    if (core.has(r.source)) context.add(r.target);
    if (core.has(r.target)) context.add(r.source);
  }
  expect(context.size).toBeLessThan(sample.cis.length);
  await expectGraphNodes(page, [...context]);
  expect(await classesOf(page, TARGET)).toEqual(['impact-down', 'impact-target']);
  for (const id of impactedIds) expect(await classesOf(page, id), id).toEqual([`impact-${expected[id]}`]);
  expect(await nodesWithClass(page, 'impact-dim')).toEqual([...context].filter((id) => !core.has(id)).sort());
  const coloured = [...(await nodesWithClass(page, 'impact-down')), ...(await nodesWithClass(page, 'impact-degraded')), ...(await nodesWithClass(page, 'impact-at_risk'))];
  expect(coloured.sort()).toEqual([...impactedIds, TARGET].sort());
  await expect(page.getByTestId('impact-legend')).toContainText('At risk');
  await page.waitForTimeout(400); // let the framing animation finish before the picture
  await page.screenshot({ path: 'test-results/screenshots/impact-light.png' });

  // Choosing Checkout highlights exactly its explanation path: db-orders-primary → app-order-api → svc-checkout.
  await page.locator('[data-testid="impact-service"][data-ci-id="svc-checkout"]').click();
  const pathIds = await page.getByTestId('impact-path').locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-ci-id')));
  expect(pathIds).toEqual([TARGET, 'app-order-api', 'svc-checkout']);
  await expect.poll(() => nodesWithClass(page, 'impact-path')).toEqual([...pathIds].sort());
  const pathEdges = sample.relationships
    .filter((r) => (r.source === 'app-order-api' && r.target === TARGET) || (r.source === 'app-order-api' && r.target === 'svc-checkout'))
    .map((r) => r.id)
    .sort();
  expect(pathEdges).toHaveLength(2);
  expect(await edgesWithClass(page, 'impact-path')).toEqual(pathEdges);
  expect(await classesOf(page, 'svc-payments')).toContain('impact-faded');
  await page.screenshot({ path: 'test-results/screenshots/impact-path-light.png' });

  // Single points of failure of Checkout: the README's 26, the lone payments F5 among them.
  await page.getByTestId('spof-button').click();
  await expect(page.getByTestId('spof-row')).toHaveCount(CHECKOUT_SPOFS.length);
  const spofIds = await page.getByTestId('spof-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-ci-id')));
  expect([...spofIds].sort()).toEqual([...CHECKOUT_SPOFS].sort());
  expect(spofIds).toContain('lb-payments');
  await expect.poll(() => nodesWithClass(page, 'impact-spof')).toEqual([...CHECKOUT_SPOFS].sort());
  // Drawn as a tree (service, SPOFs, the CIs between): the lone payments F5 is on it, everything not a SPOF is faded.
  const spofSet = new Set([...CHECKOUT_SPOFS, 'svc-checkout']);
  await waitForGraph(page);
  const onCanvas = await graphNodeIds(page);
  expect(onCanvas).toContain('lb-payments');
  expect(onCanvas).not.toContain('lb-storefront-1');
  for (const id of onCanvas.filter((n) => !spofSet.has(n))) expect(await classesOf(page, id), id).toContain('impact-faded');
  await page.screenshot({ path: 'test-results/screenshots/impact-spof-light.png' });

  // Dependencies of the selected CI (the target): what it stands on, listed and marked on the graph.
  await page.getByTestId('impact-tab-dependencies').click();
  await expect(page.getByTestId('dependencies')).toBeVisible();
  await expect(page.getByTestId('dependency-row').first()).toBeVisible();
  const depIds = await page.getByTestId('dependency-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-ci-id')!));
  expect(depIds).toContain('vm-pg-orders-1');
  expect(depIds).not.toContain('app-order-api');
  await expect.poll(() => nodesWithClass(page, 'impact-dep')).toEqual([...depIds].sort());
  expect(await nodesWithClass(page, 'impact-root')).toEqual([TARGET]);

  // Leaving restores the Explore graph untouched, and nothing was written.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('impact-panel')).toBeHidden();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await expect(page.getByTestId('impact-legend')).toHaveCount(0);
  await waitForGraph(page, sample.cis.length);
  expect(await graphNodeIds(page)).toEqual(sample.cis.map((c) => c.id).sort());
  for (const cls of ['impact-dim', 'impact-faded', 'impact-target', 'impact-down', 'impact-path', 'impact-spof', 'impact-dep']) {
    expect(await nodesWithClass(page, cls), cls).toEqual([]);
  }
  const after = await docInfo(request, explore);
  expect(after).toEqual(before);
});

test('the whole view recolours every CI of the sample; shortcut, degraded mode and Exit', async ({ page, explore, request }) => {
  const before = await docInfo(request, explore);
  await searchAndSelect(page, 'orders-db primary', TARGET);
  await page.keyboard.press('Control+i');
  await expect(page.getByTestId('impact-panel')).toBeVisible();
  await expect(page.getByTestId('impact-service')).toHaveCount(serviceIds.length);

  await page.getByTestId('impact-scope-whole').click();
  await expectGraphNodes(page, sample.cis.map((c) => c.id));
  const core = new Set([TARGET, ...impactedIds]);
  await expect.poll(() => nodesWithClass(page, 'impact-dim')).toEqual(sample.cis.map((c) => c.id).filter((id) => !core.has(id)).sort());
  for (const id of ORDERS_PRIMARY_CHANGE.unaffected) expect(await classesOf(page, id), id).toEqual(['impact-dim']);
  expect(await classesOf(page, 'svc-checkout')).toEqual(['impact-down']);

  // Degraded instead of down: nothing turns red any more.
  await page.getByTestId('impact-mode-degraded').click();
  await expect.poll(() => nodesWithClass(page, 'impact-down')).toEqual([]);
  await expect(page.locator('[data-testid="impact-service"][data-ci-id="svc-checkout"]')).toHaveAttribute('data-level', 'degraded');
  expect(await classesOf(page, TARGET)).toEqual(['impact-degraded', 'impact-target']);

  await page.getByTestId('impact-exit').click();
  await expect(page.getByTestId('impact-panel')).toBeHidden();
  await expectGraphNodes(page, sample.cis.map((c) => c.id));
  expect(await nodesWithClass(page, 'impact-dim')).toEqual([]);
  expect(await docInfo(request, explore)).toEqual(before);
});

test('right-click on a node offers the simulation; dark screenshot', async ({ page, server }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(server.url);
  await waitForGraph(page, sample.cis.length);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await searchAndSelect(page, 'orders-db primary', TARGET);
  await expect.poll(() => page.evaluate((id) => (globalThis as unknown as HookHost).__faultlineGraph?.renderedPosition(id) ?? null, TARGET)).not.toBeNull();
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as HookHost).__faultlineGraph!.isSettled())).toBe(true);
  await page.waitForTimeout(400); // the centring animation
  const p = await page.evaluate((id) => (globalThis as unknown as HookHost).__faultlineGraph!.renderedPosition(id)!, TARGET);
  await page.mouse.click(p.x, p.y, { button: 'right' });
  await expect(page.getByTestId('impact-context-menu')).toBeVisible();
  await page.getByTestId('context-simulate-down').click();
  await expect(page.getByTestId('impact-context-menu')).toBeHidden();
  await expect(page.getByTestId('impact-service')).toHaveCount(serviceIds.length);
  await expect.poll(() => nodesWithClass(page, 'impact-target')).toEqual([TARGET]);
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'test-results/screenshots/impact-dark.png' });
  await page.locator('[data-testid="impact-service"][data-ci-id="svc-checkout"]').click();
  await expect.poll(() => nodesWithClass(page, 'impact-path')).toEqual([TARGET, 'app-order-api', 'svc-checkout'].sort());
  await page.screenshot({ path: 'test-results/screenshots/impact-path-dark.png' });
});
