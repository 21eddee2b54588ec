// What a CAB member reads (issue 13): explanation paths as sentences in the relationships' own
// direction, with the failure's direction shown apart from them.
import { expect, test } from './support/fixtures';
import { searchAndSelect } from './support/explore';

const TARGET = 'db-orders-primary';

test('an explanation path reads in the relationships’ direction, with the failure’s direction as arrows', async ({ page, explore }) => {
  void explore;
  await searchAndSelect(page, 'orders-db primary', TARGET);
  await page.getByTestId('simulate-change').click();
  await page.locator('[data-testid="impact-service"][data-ci-id="svc-checkout"]').click();
  const path = page.getByTestId('impact-path');
  await expect(path.getByTestId('impact-path-sentence')).toHaveText(['Order API depends on orders-db primary (fra-pg-orders01)', 'Order API is part of Checkout']);
  await expect(path.locator('.impact-path-arrow')).toHaveText(['↓', '↓']);

  // What the target stands on: the path runs from it to its dependency, the sentence still reads source → target.
  await page.getByTestId('impact-tab-dependencies').click();
  await page.locator('[data-testid="dependency-row"][data-ci-id="vm-pg-orders-1"]').click();
  await expect(page.getByTestId('impact-path').getByTestId('impact-path-sentence')).toHaveText(['orders-db primary (fra-pg-orders01) runs on fra-pg-orders01']);
  await expect(page.getByTestId('impact-path').locator('.impact-path-arrow')).toHaveText(['↑']);
});
