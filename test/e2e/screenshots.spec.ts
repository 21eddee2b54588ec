// Screenshots of the Explore screen on the sample CMDB, light and dark, for people to look at:
// the whole map, and the CAB's usual view (a business service's neighbourhood with the inspector).
import { expect, test } from './support/fixtures';
import { expectGraphNodes, searchAndSelect, waitForGraph } from './support/explore';
import { loadSample, neighbourhoodIds } from './support/sample';

const sample = loadSample();

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
