// Screenshots of the Explore screen on the sample CMDB, light and dark, for people to look at.
import { expect, test } from './support/fixtures';
import { waitForGraph } from './support/explore';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`Explore screen screenshot (${colorScheme})`, async ({ page, server }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(server.url);
    await waitForGraph(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    await page.screenshot({ path: `test-results/screenshots/explore-${colorScheme}.png` });
  });
}
