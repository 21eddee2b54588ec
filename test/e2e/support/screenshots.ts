// Screenshots of the screen as it stands, at 1280×800 in the light and the dark theme (the theme
// follows the OS, so emulating the colour scheme switches it in place), the graph fitted to the
// window, for people to look at.
import { expect, type Page } from '@playwright/test';

export async function screenshotsAt1280(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 800 });
  // Fitted again to the smaller window, as a user would with F.
  await page.getByTestId('fit').click();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `test-results/screenshots/${name}-${colorScheme}-1280.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (size) await page.setViewportSize(size);
}
