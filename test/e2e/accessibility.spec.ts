// axe-core on every main screen in both themes: no serious or critical violation (contrast of
// text and controls included). The canvas itself is a picture: axe does not read inside it.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { searchAndSelect, waitForGraph } from './support/explore';

const TARGET = 'db-orders-primary';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  // At most three elements per rule: one is enough to find the style at fault.
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''}`));
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violation on the main screens, ${theme} theme`, async ({ page, server }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(server.url);
    await waitForGraph(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const found: Record<string, string[]> = {};
    const check = async (screen: string) => {
      await page.waitForTimeout(300); // transitions (150 ms) finish before colours are read
      found[screen] = await seriousViolations(page);
    };

    await check('explore');
    await searchAndSelect(page, 'orders-db primary', TARGET);
    await check('explore with a selection (inspector)');
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').fill('orders');
    await expect(page.getByTestId('search-result').first()).toBeVisible();
    await check('search');
    await page.keyboard.press('Escape');

    await page.getByTestId('new-ci').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await check('new CI form');
    await page.keyboard.press('Escape');

    await page.getByTestId('simulate-change').click();
    await expect(page.getByTestId('impact-service').first()).toBeVisible();
    await check('simulation');
    await page.locator('[data-testid="impact-service"][data-ci-id="svc-checkout"]').click();
    await page.getByTestId('spof-button').click();
    await expect(page.getByTestId('spof-row').first()).toBeVisible();
    await check('single points of failure');
    await page.getByTestId('impact-tab-dependencies').click();
    await expect(page.getByTestId('dependency-row').first()).toBeVisible();
    await check('dependencies');
    await page.getByTestId('impact-exit').click();

    await page.getByTestId('doc-menu').click();
    await page.getByTestId('data-snapshots').click();
    await expect(page.getByTestId('snapshots-dialog')).toBeVisible();
    await check('snapshots dialog');
    await page.getByTestId('snapshots-dialog').getByTestId('asof-run').click();
    await expect(page.getByTestId('asof-banner')).toBeVisible();
    await check('as of');
    await page.getByTestId('asof-leave').click();

    await page.getByTestId('tab-incidents').click();
    await page.getByTestId('incident-row-INC0001').click();
    await expect(page.getByTestId('probable-causes')).toBeVisible();
    await check('incidents list and incident detail');
    for (const number of ['INC0004', 'INC0005', 'INC0006']) await page.getByTestId(`tick-${number}`).check();
    await page.getByTestId('common-cause-button').click();
    await expect(page.getByTestId('common-cause')).toBeVisible();
    await check('common cause');
    await page.getByTestId('tab-problem-list').click();
    await page.getByTestId('problem-row-PRB0001').click();
    await expect(page.getByTestId('problem-detail')).toBeVisible();
    await check('problem detail');

    await page.getByTestId('tab-changes').click();
    await page.getByTestId('change-row-CHG0004').click();
    await expect(page.getByTestId('risk-breakdown')).toBeVisible();
    await check('changes list and change detail');
    await page.getByTestId('new-change').click();
    await expect(page.getByTestId('change-form')).toBeVisible();
    await check('change form');
    await page.keyboard.press('Escape');
    await page.getByTestId('tab-cab').click();
    await expect(page.getByTestId('cab-item-CHG0004')).toBeVisible();
    await check('CAB meeting');
    await page.getByTestId('tab-schedule').click();
    await page.getByTestId('schedule-date').fill('2026-12-10');
    await expect(page.getByTestId('timeline-CHG0004')).toBeVisible();
    await check('change schedule');

    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });
}
