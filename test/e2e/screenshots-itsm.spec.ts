// Screenshots of the ITSM screens for people to look at (issues 11 and 12): change detail, CAB
// meeting, schedule, incidents with a common cause and a problem, light and dark, at 1280×800.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const DIR = 'test-results/screenshots/itsm';

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // transitions settle first
  await page.screenshot({ path: `${DIR}/${name}.png` });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`change and incident screens, ${colorScheme}, 1280×800`, async ({ page, server }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme });
    await page.goto(server.url);
    await page.getByTestId('tab-changes').click();
    await page.getByTestId('change-row-CHG0004').click();
    await expect(page.getByTestId('impact-picture').locator('img')).toBeVisible();
    await shot(page, `change-detail-${colorScheme}`);
    await page.getByTestId('conflicts').scrollIntoViewIfNeeded();
    await shot(page, `change-risk-${colorScheme}`);
    await page.getByTestId('tab-cab').click();
    await page.getByTestId('cab-date').fill('2026-12-08');
    await expect(page.getByTestId('cab-item-CHG0004')).toBeVisible();
    await shot(page, `cab-${colorScheme}`);
    await page.getByTestId('tab-schedule').click();
    await page.getByTestId('schedule-date').fill('2026-12-10');
    await expect(page.getByTestId('timeline-CHG0004')).toBeVisible();
    await shot(page, `schedule-${colorScheme}`);
    await page.getByTestId('tab-incidents').click();
    for (const number of ['INC0004', 'INC0005', 'INC0006']) await page.getByTestId(`tick-${number}`).check();
    await page.getByTestId('common-cause-button').click();
    await page.getByTestId('incident-row-INC0006').click();
    await expect(page.getByTestId('common-cause')).toBeVisible();
    await shot(page, `incidents-common-cause-${colorScheme}`);
    await page.getByTestId('tab-problem-list').click();
    await page.getByTestId('problem-row-PRB0001').click();
    await expect(page.getByTestId('problem-detail')).toBeVisible();
    await shot(page, `problem-${colorScheme}`);
  });
}
