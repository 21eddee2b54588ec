// A hub's inspector stays light (issue 13): on a generated 2,000-CI CMDB, "Datacenter 0" has 91
// CIs hosted on it; the inspector lists the first RELATIONSHIP_ROWS of them and says how many more,
// and "Show all" lists every one.
import { generateSyntheticCmdb } from '../support/synthetic-cmdb';
import { RELATIONSHIP_ROWS } from '../../src/renderer/components/relationship-rows';
import { expect, test } from './support/fixtures';
import { openAndSelect } from './support/explore';
import { startServerOnDocument } from './support/server';
import { screenshotsAt1280 } from './support/screenshots';

test('the inspector of a datacenter lists its first hosted CIs and shows all on request', async ({ page, dataDir }) => {
  test.setTimeout(300_000);
  const doc = generateSyntheticCmdb({ cis: 2000, seed: 3 });
  const hosted = doc.relationships.filter((r) => r.target === 'site-0' && r.type === 'hosted_on').length;
  expect(hosted).toBeGreaterThan(RELATIONSHIP_ROWS);
  const server = await startServerOnDocument(dataDir, 'cmdb-2000.faultline', doc);
  try {
    await openAndSelect(page, server.url, 'Datacenter 0', 'site-0');
    await expect(page.getByTestId('inspector-name')).toHaveText('Datacenter 0');
    const group = page.getByTestId('relationships-incoming').locator('[data-testid="rel-group"][data-type="hosted_on"]');
    await expect(group.getByTestId('relationship-row')).toHaveCount(RELATIONSHIP_ROWS);
    const more = group.getByTestId('relationship-more');
    await expect(more).toHaveText(`Show all ${hosted}`);
    await screenshotsAt1280(page, 'inspector-hub');
    await more.click();
    await expect(group.getByTestId('relationship-row')).toHaveCount(hosted);
    await expect(more).toBeHidden();
  } finally {
    await server.stop();
  }
});
