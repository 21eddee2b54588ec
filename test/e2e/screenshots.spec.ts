// Screenshots of the Explore screen on the sample CMDB, light and dark, for people to look at:
// the whole map, and the CAB's usual view (a business service's neighbourhood with the inspector);
// and, at 1280×800 and 1440×900, the legend folded to one line and unfolded, and Checkout's SPOFs
// (FAULTLINE_SHOTS names another folder for them). What they must show is checked in
// graph-room.spec.ts, labels.spec.ts and hub-neighbourhood.spec.ts.
import { expect, test } from './support/fixtures';
import { expectGraphNodes, searchAndSelect, waitForGraph, type HookHost } from './support/explore';
import { loadSample, neighbourhoodIds } from './support/sample';

const sample = loadSample();
const SHOTS = process.env.FAULTLINE_SHOTS ?? 'test-results/screenshots';

for (const colorScheme of ['light', 'dark'] as const) {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1440, height: 900 },
  ]) {
    test(`legend, overview and SPOF labels (${colorScheme}, ${size.width}×${size.height})`, async ({ page, server }) => {
      const tag = `${colorScheme}-${size.width}`;
      const settle = async () => {
        await waitForGraph(page);
        await page.waitForTimeout(500);
        await expect.poll(() => page.evaluate(() => (globalThis as unknown as HookHost).__faultlineGraph?.isSettled() ?? false)).toBe(true);
      };
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      await page.goto(server.url);
      await waitForGraph(page, sample.cis.length);
      await settle();
      await expect(page.getByTestId('minimap')).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/first-open-${tag}.png` });
      await page.getByTestId('legend-more').click();
      await expect(page.getByTestId('legend-class-site')).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/legend-unfolded-${tag}.png` });
      await page.getByTestId('legend-more').click();

      await searchAndSelect(page, 'orders-db primary', 'db-orders-primary');
      await page.getByTestId('simulate-change').click();
      await page.locator('[data-testid="impact-service"][data-ci-id="svc-checkout"]').click();
      await page.getByTestId('spof-button').click();
      await expect(page.getByTestId('spof-row')).toHaveCount(26);
      await settle();
      await page.screenshot({ path: `${SHOTS}/spof-checkout-${tag}.png` });
    });
  }
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`Explore screen screenshots (${colorScheme})`, async ({ page, server }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(server.url);
    await waitForGraph(page, sample.cis.length);
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    await page.screenshot({ path: `test-results/screenshots/explore-overview-${colorScheme}.png` });

    const checkout = sample.cis.find((c) => c.name === 'Checkout')!;
    await searchAndSelect(page, 'Checkout', checkout.id);
    await page.getByTestId('neighbourhood-toggle').check();
    await page.getByTestId('neighbourhood-depth').fill('2');
    await expectGraphNodes(page, neighbourhoodIds(sample, checkout.id, 2, 'both'));
    await expect(page.getByTestId('inspector-name')).toHaveText('Checkout');
    await page.screenshot({ path: `test-results/screenshots/explore-${colorScheme}.png` });

    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').fill('postgres');
    await expect(page.getByTestId('search-result').first()).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/search-${colorScheme}.png` });
    await page.keyboard.press('Escape');

    await page.getByTestId('new-ci').click();
    await page.getByTestId('ci-form-submit').click();
    await expect(page.getByTestId('field-error-name')).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/ci-form-${colorScheme}.png` });
    await page.keyboard.press('Escape');

    // The theme follows the OS while the app runs.
    const other = colorScheme === 'light' ? 'dark' : 'light';
    await page.emulateMedia({ colorScheme: other });
    await expect(page.locator('html')).toHaveAttribute('data-theme', other);
  });
}
