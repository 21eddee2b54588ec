// Incidents on the graph end to end on the sample CMDB (issue 12): open incidents badged on the
// graph by priority, the SLA filter, the common cause of this morning's three incidents turned
// into a problem, an incident recorded from the inspector, a probable cause linking to its change.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { RunningServer } from './support/server';
import { searchAndSelect } from './support/explore';

/** Calls the API as the page does (the token is in the URL the server printed); returns the value. */
async function call<T>(page: Page, server: RunningServer, name: string, input: unknown): Promise<T> {
  const token = new URL(server.url).searchParams.get('token') ?? '';
  const response = await page.request.post(`${server.origin}/api/${name}`, { headers: { Authorization: `Bearer ${token}` }, data: input });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.value as T;
}

async function badged(page: Page, cls: string): Promise<string[]> {
  return page.evaluate((c) => (globalThis as unknown as { __faultlineIncidents?: { badged(cls: string): string[] } }).__faultlineIncidents?.badged(c) ?? [], cls);
}

test('open incidents are badged on the graph; their common cause becomes a problem; a new incident is recorded from the inspector', async ({ page, explore }) => {
  void explore;
  await page.setViewportSize({ width: 1280, height: 800 });

  // INC0006 (P2, on hold) rings the fulfilment worker orange; INC0004/5 (P3) ring amber; closed ones ring nothing.
  await expect.poll(() => badged(page, 'incident-p2')).toEqual(['app-fulfilment-worker']);
  expect(await badged(page, 'incident-p3')).toEqual(['app-notification-service', 'app-search-indexer']);
  expect(await badged(page, 'incident-p1')).toEqual([]);
  await page.getByTestId('incident-badges').click();
  await expect.poll(() => badged(page, 'incident-p3')).toEqual([]);
  await page.getByTestId('incident-badges').click();
  await expect.poll(() => badged(page, 'incident-p3')).toHaveLength(2);
  await page.screenshot({ path: 'test-results/screenshots/incidents/explore-badges-light-1280.png' });

  // The list: six incidents, three open ones past their SLA.
  await page.getByTestId('tab-incidents').click();
  await expect(page.getByTestId('incidents-count')).toContainText('6 of 6 incidents · 3 open');
  await page.getByTestId('filter-breached').check();
  await expect(page.locator('[data-testid^="incident-row-"]')).toHaveCount(3);
  await page.getByTestId('filter-breached').uncheck();
  await page.getByTestId('filter-p1').click();
  await expect(page.locator('[data-testid^="incident-row-"]')).toHaveCount(3);
  await expect(page.getByTestId('incident-row-INC0004')).toHaveCount(0);
  await page.getByTestId('filter-p1').click();

  // INC0001's probable cause is the failed CHG0001, two hops upstream, with its path by name; the link opens it.
  await page.getByTestId('incident-row-INC0001').click();
  const detail = page.getByTestId('incident-detail');
  const cause = detail.getByTestId('cause-CHG0001');
  await expect(cause).toContainText('2 hops upstream');
  await expect(cause).toContainText('catalog-db node 1');
  await expect(detail.getByTestId('affected-services')).toContainText('Storefront');

  // Common cause of the three open incidents: the Kafka cluster explains all three, with a path to each.
  for (const number of ['INC0004', 'INC0005', 'INC0006']) await page.getByTestId(`tick-${number}`).check();
  await page.getByTestId('common-cause-button').click();
  const answer = page.getByTestId('common-cause');
  await expect(answer.getByTestId('common-cause-summary')).toContainText('explains 3 of 3');
  const best = answer.getByTestId('candidate-mq-kafka-cluster');
  await expect(best).toContainText('explains 3 of 3');
  await expect(best).toContainText('INC0004');
  await expect(best).toContainText('Notification service');
  await page.screenshot({ path: 'test-results/screenshots/incidents/common-cause-light-1280.png' });
  await best.getByTestId('cause-to-problem').click();
  const problem = page.getByTestId('problem-detail');
  await expect(problem).toContainText('PRB0002');
  await expect(problem.getByTestId('problem-root-cause')).toContainText('Kafka cluster');
  await expect(problem.getByTestId('problem-incidents')).toContainText('INC0005');
  await problem.getByTestId('problem-known-error').fill('Broker 2 disk full: consumers stall on rebalance.');
  await problem.getByTestId('problem-save').click();
  await problem.getByTestId('problem-move-known_error').click();
  await expect(problem).toContainText('Known error');
  await expect(page.getByTestId('problem-row-PRB0002')).toBeVisible();

  // An incident recorded on a CI from the inspector: its affected services and suggested impact come from the impact engine.
  await page.getByTestId('tab-explore').click();
  await searchAndSelect(page, 'orders-db primary', 'db-orders-primary');
  await page.getByTestId('record-incident').click();
  const form = page.getByTestId('incident-form');
  await expect(form.getByTestId('target-db-orders-primary')).toBeVisible();
  await form.getByTestId('incident-title').fill('orders-db primary refuses connections');
  await form.getByTestId('incident-urgency').selectOption('1');
  await form.getByTestId('incident-form-submit').click();
  await expect(page.getByTestId('incidents-screen')).toBeVisible();
  await expect(detail).toContainText('INC0007');
  await expect(detail.getByTestId('affected-services')).toContainText('Checkout');
  await expect(detail.getByTestId('incident-impact')).toContainText('impact 1 · High × urgency 1 · High → P1');
  await expect(detail.getByTestId('priority-chip').first()).toHaveText('P1');
  await page.screenshot({ path: 'test-results/screenshots/incidents/incident-detail-light-1280.png' });
  await expect.poll(() => badged(page, 'incident-p1')).toEqual(['db-orders-primary']);

  // Resolving it stops its clocks; undo brings it back open.
  await detail.getByTestId('incident-move-resolved').click();
  await expect(detail).toContainText('Resolved');
  await expect.poll(() => badged(page, 'incident-p1')).toEqual([]);
  await page.getByTestId('undo').click();
  await expect(detail).toContainText('New');
  await expect.poll(() => badged(page, 'incident-p1')).toEqual(['db-orders-primary']);
});

test('an incident form without an affected CI names the field and saves nothing; the priority matrix is edited in settings', async ({ page, explore }) => {
  void explore;
  await page.getByTestId('tab-incidents').click();
  // Impact 2 × urgency 2 is P3 by default; with that cell set to P2, an incident recorded so is P2.
  await page.getByTestId('incident-settings-button').click();
  await expect(page.getByTestId('matrix-2-2')).toHaveValue('3');
  await page.getByTestId('matrix-2-2').selectOption('2');
  await page.getByTestId('incident-settings-save').click();
  await expect(page.getByTestId('incident-settings')).toBeHidden();
  await page.getByTestId('new-incident').click();
  const settled = page.getByTestId('incident-form');
  await settled.getByTestId('incident-title').fill('Search results slow');
  await settled.getByTestId('picker-input').fill('Search API');
  await settled.locator('[data-testid="search-result"]').first().click();
  await settled.getByTestId('incident-impact-choice').selectOption('2');
  await settled.getByTestId('incident-urgency').selectOption('2');
  await settled.getByTestId('incident-form-submit').click();
  await expect(page.getByTestId('incident-detail').getByTestId('priority-chip')).toHaveText('P2');
  await page.getByTestId('undo').click();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('incidents-count')).toContainText('6 of 6 incidents');

  await page.getByTestId('new-incident').click();
  const form = page.getByTestId('incident-form');
  await form.getByTestId('incident-title').fill('Something is slow');
  await form.getByTestId('incident-form-submit').click();
  await expect(form.getByTestId('field-error-affectedCiIds')).toContainText('at least one affected CI');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incidents-count')).toContainText('6 of 6 incidents');
});

test('three incidents on three services sharing one database: common cause names the database, the problem is opened from it, and the change made on it two hours before is the top probable cause', async ({ page, explore }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // A standard change on the orders database, implemented two hours ago.
  const now = Date.now();
  const created = await call<{ value: { change: { id: string } } }>(page, explore, 'change.create', {
    change: {
      title: 'Raise max_connections on the orders-db primary',
      type: 'standard',
      targets: [{ ciId: 'db-orders-primary', mode: 'degraded' }],
      window: { start: new Date(now - 2.5 * 3_600_000).toISOString(), end: new Date(now - 2 * 3_600_000).toISOString() },
    },
  });
  for (const to of ['assessed', 'approved', 'scheduled', 'implemented']) await call(page, explore, 'change.transition', { id: created.value.change.id, to });

  // One incident recorded in the app on Checkout, two more (Payments, Internal Reporting) as the service desk would file them.
  await page.getByTestId('tab-incidents').click();
  await page.getByTestId('new-incident').click();
  const form = page.getByTestId('incident-form');
  await form.getByTestId('incident-title').fill('Checkout fails to place orders');
  await form.getByTestId('picker-input').fill('Checkout');
  await form.locator('[data-testid="search-result"][data-ci-id="svc-checkout"]').click();
  await expect(form.getByTestId('target-svc-checkout')).toBeVisible();
  await form.getByTestId('incident-form-submit').click();
  await expect(page.getByTestId('incident-detail')).toContainText('INC0007');
  await call(page, explore, 'incident.create', { incident: { title: 'Card payments slow', affectedCiIds: ['svc-payments'] } });
  await call(page, explore, 'incident.create', { incident: { title: 'Order reports stale', affectedCiIds: ['svc-internal-reporting'] } });
  await expect(page.getByTestId('incident-row-INC0009')).toBeVisible();

  for (const number of ['INC0007', 'INC0008', 'INC0009']) await page.getByTestId(`tick-${number}`).check();
  await page.getByTestId('common-cause-button').click();
  const answer = page.getByTestId('common-cause');
  await expect(answer.getByTestId('common-cause-summary')).toHaveText('orders-db primary (fra-pg-orders01) explains 3 of 3 incidents');
  const best = answer.locator('[data-testid^="candidate-"]').first();
  await expect(best).toHaveAttribute('data-testid', 'candidate-db-orders-primary');
  await expect(best).toContainText('Fraud scoring → Payments');
  await best.getByTestId('cause-to-problem').click();
  await expect(page.getByTestId('problem-root-cause')).toHaveText('orders-db primary (fra-pg-orders01)');
  await expect(page.getByTestId('problem-incidents')).toContainText('INC0009');

  // Back on the Checkout incident: the change on the database is its top probable cause, two hops upstream.
  await page.getByTestId('tab-incident-list').click();
  await page.getByTestId('incident-row-INC0007').click();
  const causes = page.getByTestId('probable-causes').locator('li');
  await expect(causes.first()).toContainText('CHG0007 Raise max_connections on the orders-db primary');
  await expect(causes.first()).toContainText('2 hops upstream');
  await page.screenshot({ path: 'test-results/screenshots/incidents/probable-cause-light-1280.png' });
  await causes.first().getByRole('button').click();
  await expect(page.getByTestId('change-detail')).toContainText('CHG0007');
});
