// A datacenter outage in a 10,000-CI CMDB: thousands of impacted CIs, drawn as one readable
// picture — the target and the most critical services alone, the rest as groups by class with
// their counts, the hops between them added up; a group expands to its members.
import { generateSyntheticCmdb } from '../support/synthetic-cmdb';
import { expect, test } from './support/fixtures';
import { graphEdgeIds, graphNodeIds, openAndSelect, statusNumber, waitForGraph } from './support/explore';
import { startServerOnDocument } from './support/server';
import { screenshotsAt1280 } from './support/screenshots';

test('a datacenter outage at 10,000 CIs is rolled up into groups by class, each expandable to its members', async ({ page, dataDir }) => {
  test.setTimeout(900_000);
  const doc = generateSyntheticCmdb({ cis: 10_000, seed: 3 });
  const server = await startServerOnDocument(dataDir, 'estate.faultline', doc);
  try {
    await openAndSelect(page, server.url, 'Datacenter 0', 'site-0');
    await page.getByTestId('simulate-change').click();
    const total = page.getByTestId('impact-total');
    await expect(total).toContainText('CIs impacted', { timeout: 120_000 });
    const impacted = Number(((await total.textContent()) ?? '').replace(/[^0-9]/g, ''));
    expect(impacted).toBeGreaterThan(1000);

    const groups = page.getByTestId('rollup-group');
    await expect(groups.first()).toBeVisible({ timeout: 120_000 });
    await waitForGraph(page);
    const nodes = await graphNodeIds(page);
    const groupNodes = nodes.filter((id) => id.startsWith('rollup-group:'));
    expect(groupNodes.length).toBe(await groups.count());
    expect(nodes.length).toBeLessThanOrEqual(1000);
    expect(nodes).toContain('site-0');
    // The status bar counts the picture on screen.
    expect(await statusNumber(page, 'status-shown')).toBe(nodes.length);
    expect(await statusNumber(page, 'status-edges')).toBe((await graphEdgeIds(page)).length);
    // Far fewer edges than impacted CIs: the hops between groups are added up.
    expect((await graphEdgeIds(page)).length).toBeLessThan(impacted / 5);
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'test-results/screenshots/rollup-datacenter-light.png' });
    await screenshotsAt1280(page, 'rollup-datacenter');

    // Expand the largest group: up to 200 of its members are drawn alone, the group keeps the rest.
    const first = groups.first();
    const groupId = (await first.getAttribute('data-group-id'))!;
    const before = Number(((await first.textContent()) ?? '').match(/([0-9,]+) /)![1].replace(/,/g, ''));
    await first.click();
    await expect(page.locator(`[data-testid="rollup-group"][data-group-id="${groupId}"]`)).toHaveAttribute('aria-pressed', 'true');
    await waitForGraph(page);
    await expect.poll(async () => (await graphNodeIds(page)).length).toBeGreaterThan(nodes.length);
    const after = await page.locator(`[data-testid="rollup-group"][data-group-id="${groupId}"]`).textContent();
    const drawn = Math.min(200, before);
    expect(after).toContain(`+${drawn} drawn`);
    expect(await statusNumber(page, 'status-shown')).toBe((await graphNodeIds(page)).length);
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'test-results/screenshots/rollup-datacenter-expanded-light.png' });
  } finally {
    await server.stop();
  }
});
