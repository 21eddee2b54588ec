// Incidents on the graph end to end on the sample CMDB (issue 12): open incidents badged on the
// graph by priority, the SLA filter, the common cause of this morning's three incidents turned
// into a problem, an incident recorded from the inspector, a probable cause linking to its change.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { searchAndSelect } from './support/explore';

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

test('an incident form without an affected CI names the field and saves nothing', async ({ page, explore }) => {
  void explore;
  await page.getByTestId('tab-incidents').click();
  await page.getByTestId('new-incident').click();
  const form = page.getByTestId('incident-form');
  await form.getByTestId('incident-title').fill('Something is slow');
  await form.getByTestId('incident-form-submit').click();
  await expect(form.getByTestId('field-error-affectedCiIds')).toContainText('at least one affected CI');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incidents-count')).toContainText('6 of 6 incidents');
});
