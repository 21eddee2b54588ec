import { expect, test } from './support/fixtures';
test('peek', async ({ page, explore }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(explore.url);
  await page.getByTestId('tab-changes').click();
  await page.getByTestId('change-row-CHG0004').click();
  await expect(page.getByTestId('change-detail')).toBeVisible();
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/pw/changes.png' });
  await page.getByTestId('tab-cab').click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/pw/cab.png' });
  await page.getByTestId('tab-schedule').click();
  await page.getByTestId('schedule-date').fill('2026-12-10');
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/pw/schedule.png' });
});
