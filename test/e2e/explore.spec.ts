// The Explore screen on the bundled sample: the graph, search, filters and neighbourhood view,
// checked against the sample file read independently of the app.
import { expect, test } from './support/fixtures';
import { expectGraphNodes, graphEdgeIds, graphNodeIds, searchAndSelect, selectedIds, statusNumber, type HookHost } from './support/explore';
import { loadSample, neighbourhoodIds } from './support/sample';

const sample = loadSample();
const byName = (name: string) => {
  const ci = sample.cis.find((c) => c.name === name);
  if (!ci) throw new Error(`the sample has no CI named ${name}`);
  return ci;
};

test('the sample CMDB loads and all its CIs and relationships are on the graph', async ({ page, explore }) => {
  expect(await graphNodeIds(page)).toEqual(sample.cis.map((c) => c.id).sort());
  expect(await graphEdgeIds(page)).toEqual(sample.relationships.map((r) => r.id).sort());
  expect(await statusNumber(page, 'status-shown')).toBe(sample.cis.length);
  expect(await statusNumber(page, 'status-total')).toBe(sample.cis.length);
  expect(await statusNumber(page, 'status-edges')).toBe(sample.relationships.length);
  await expect(page).toHaveTitle('sample-cmdb.faultline — Faultline');
  // The token was taken from the address bar and removed from it.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  expect(explore.url).toContain('token=');
  await expect(page.getByTestId('legend')).toContainText('Business service');
  await expect(page.getByTestId('view-notice')).toHaveCount(0);
});

test('search selects a CI, shows it in the inspector and clicking a relationship selects the peer', async ({ page, explore }) => {
  expect(explore.url).toBeTruthy();
  const checkout = byName('Checkout');
  await searchAndSelect(page, 'Checkout', checkout.id);
  await expect(page.getByTestId('inspector-name')).toHaveText('Checkout');
  await expect.poll(() => selectedIds(page)).toEqual([checkout.id]);

  const outgoing = sample.relationships.filter((r) => r.source === checkout.id);
  const incoming = sample.relationships.filter((r) => r.target === checkout.id);
  expect(outgoing.length).toBeGreaterThan(0);
  await expect(page.getByTestId('relationships-outgoing').getByTestId('relationship-row')).toHaveCount(outgoing.length);
  await expect(page.getByTestId('relationships-incoming').getByTestId('relationship-row')).toHaveCount(incoming.length);

  const peer = sample.cis.find((c) => c.id === outgoing[0].target)!;
  await page.getByTestId('relationships-outgoing').getByTestId('relationship-peer').filter({ hasText: peer.name }).first().click();
  await expect(page.getByTestId('inspector-name')).toHaveText(peer.name);
  await expect.poll(() => selectedIds(page)).toEqual([peer.id]);
});

test('clicking a node selects it; shift-click adds to the selection', async ({ page, explore }) => {
  expect(explore.url).toBeTruthy();
  const checkout = byName('Checkout');
  await searchAndSelect(page, 'Checkout', checkout.id);
  await page.getByTestId('neighbourhood-toggle').check();
  const expected = neighbourhoodIds(sample, checkout.id, 1, 'both');
  await expectGraphNodes(page, expected);
  const [a, b] = expected.filter((id) => id !== checkout.id);
  const pos = (id: string) => page.evaluate((nodeId) => (globalThis as unknown as HookHost).__faultlineGraph!.renderedPosition(nodeId), id);
  const pa = await pos(a);
  await page.mouse.click(pa!.x, pa!.y);
  await expect.poll(() => selectedIds(page)).toEqual([a]);
  const pb = await pos(b);
  await page.keyboard.down('Shift');
  await page.mouse.click(pb!.x, pb!.y);
  await page.keyboard.up('Shift');
  await expect.poll(() => selectedIds(page)).toEqual([a, b].sort());
  await expect(page.getByTestId('multi-selection')).toContainText('2 CIs selected');
});

test('a class filter hides that class and the relationships that touch it', async ({ page, explore }) => {
  expect(explore.url).toBeTruthy();
  const hidden = 'container';
  const classes = [...new Set(sample.cis.map((c) => c.class))].filter((c) => c !== hidden);
  for (const cls of classes) await page.getByTestId(`filter-class-${cls}`).check();

  const visible = sample.cis.filter((c) => c.class !== hidden).map((c) => c.id);
  await expectGraphNodes(page, visible);
  const visibleSet = new Set(visible);
  const expectedEdges = sample.relationships.filter((r) => visibleSet.has(r.source) && visibleSet.has(r.target)).map((r) => r.id);
  expect(await graphEdgeIds(page)).toEqual(expectedEdges.sort());
  expect(await statusNumber(page, 'status-shown')).toBe(visible.length);
  expect(await statusNumber(page, 'status-matching')).toBe(visible.length);
  await expect(page.getByTestId(`legend-class-${hidden}`)).toHaveCount(0);

  await page.getByTestId('clear-filters').click();
  await expectGraphNodes(page, sample.cis.map((c) => c.id));
});

test('neighbourhood view shows the CI and its hops at depth 1 and 2, in each direction', async ({ page, explore }) => {
  expect(explore.url).toBeTruthy();
  const checkout = byName('Checkout');
  await searchAndSelect(page, 'Checkout', checkout.id);
  await page.getByTestId('neighbourhood-toggle').check();
  await expect(page.getByTestId('neighbourhood-centre')).toHaveText('Checkout');

  const depth1 = neighbourhoodIds(sample, checkout.id, 1, 'both');
  await expectGraphNodes(page, depth1);
  expect(await statusNumber(page, 'status-shown')).toBe(depth1.length);

  await page.getByTestId('neighbourhood-depth').fill('2');
  const depth2 = neighbourhoodIds(sample, checkout.id, 2, 'both');
  expect(depth2.length).toBeGreaterThan(depth1.length);
  await expectGraphNodes(page, depth2);

  await page.getByTestId('neighbourhood-direction-out').click();
  await expectGraphNodes(page, neighbourhoodIds(sample, checkout.id, 2, 'out'));
  await page.getByTestId('neighbourhood-direction-in').click();
  await expectGraphNodes(page, neighbourhoodIds(sample, checkout.id, 2, 'in'));

  await page.getByTestId('neighbourhood-toggle').uncheck();
  await expectGraphNodes(page, sample.cis.map((c) => c.id));
});

test('search for a CI outside the view switches to its neighbourhood', async ({ page, explore }) => {
  expect(explore.url).toBeTruthy();
  const checkout = byName('Checkout');
  await searchAndSelect(page, 'Checkout', checkout.id);
  await page.getByTestId('neighbourhood-toggle').check();
  const depth1 = neighbourhoodIds(sample, checkout.id, 1, 'both');
  await expectGraphNodes(page, depth1);

  const outside = sample.cis.find((c) => !depth1.includes(c.id) && c.class === 'database')!;
  await searchAndSelect(page, outside.name, outside.id);
  await expect(page.getByTestId('neighbourhood-centre')).toHaveText(outside.name);
  await expectGraphNodes(page, neighbourhoodIds(sample, outside.id, 1, 'both'));
  await expect.poll(() => selectedIds(page)).toEqual([outside.id]);
});
