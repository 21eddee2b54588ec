// Editing from the UI: create a CI and a relationship (they survive a server restart), delete
// with confirmation, undo/redo, and validation messages next to the field.
import { expect, test } from './support/fixtures';
import { expectGraphNodes, graphEdgeIds, graphNodeIds, searchAndSelect, statusNumber, waitForGraph } from './support/explore';
import { loadSample } from './support/sample';
import { startServer } from './support/server';

const sample = loadSample();
const byName = (name: string) => sample.cis.find((c) => c.name === name)!;

test('a CI and a relationship created in the UI are still there after the server restarts', async ({ page, dataDir }) => {
  const first = await startServer({ dataDir });
  try {
    await page.goto(first.url);
    await waitForGraph(page, sample.cis.length);

    await page.getByTestId('new-ci').click();
    const form = page.getByTestId('ci-form');
    await form.getByTestId('ci-name').fill('Parcel locator API');
    await form.getByTestId('ci-class-select').selectOption('application');
    await form.getByTestId('ci-criticality').selectOption('2');
    await form.getByTestId('ci-owner').fill('team-payments');
    await form.getByTestId('ci-tags').fill('pci, parcels');
    await form.getByTestId('ci-form-submit').click();
    await expect(form).toBeHidden();
    await expect(page.getByTestId('inspector-name')).toHaveText('Parcel locator API');
    await expect(page.getByTestId('save-status')).toHaveText('Saved');
    await expect(page.getByTestId('undo')).toContainText('Parcel locator API');
    await waitForGraph(page, sample.cis.length + 1);

    await page.getByTestId('add-relationship').click();
    const relForm = page.getByTestId('relationship-form');
    await relForm.getByTestId('picker-input').fill('Payments');
    const payments = byName('Payments');
    await relForm.locator(`[data-testid="search-result"][data-ci-id="${payments.id}"]`).click();
    await relForm.getByTestId('rel-type').selectOption('depends_on');
    await relForm.getByTestId('rel-strength').selectOption('soft');
    await expect(relForm.getByTestId('rel-sentence')).toHaveText('Reads: Parcel locator API depends on Payments');
    await relForm.getByTestId('relationship-form-submit').click();
    await expect(relForm).toBeHidden();
    const row = page.getByTestId('relationships-outgoing').getByTestId('relationship-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Payments');
    await expect(row).toContainText('soft');
    await expect.poll(async () => (await graphEdgeIds(page)).length).toBe(sample.relationships.length + 1);
  } finally {
    await first.stop();
  }

  const second = await startServer({ dataDir });
  try {
    await page.goto(second.url);
    await waitForGraph(page, sample.cis.length + 1);
    expect(await statusNumber(page, 'status-total')).toBe(sample.cis.length + 1);
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').fill('Parcel locator');
    await page.getByTestId('search-result').filter({ hasText: 'Parcel locator API' }).click();
    await expect(page.getByTestId('inspector-name')).toHaveText('Parcel locator API');
    await expect(page.getByTestId('inspector')).toContainText('2 · High');
    await expect(page.getByTestId('inspector')).toContainText('team-payments');
    const row = page.getByTestId('relationships-outgoing').getByTestId('relationship-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Payments');
  } finally {
    await second.stop();
  }
});

test('deleting a CI asks for confirmation with its relationship count; undo and redo work', async ({ page, explore }) => {
  expect(explore.url).toBeTruthy();
  const target = byName('Payments');
  const touching = sample.relationships.filter((r) => r.source === target.id || r.target === target.id);
  await searchAndSelect(page, 'Payments', target.id);
  await expect(page.getByTestId('inspector-name')).toHaveText('Payments');

  // Cancel leaves it alone.
  await page.getByTestId('delete-ci').click();
  const dialog = page.getByTestId('delete-ci-dialog');
  await expect(dialog.getByTestId('delete-ci-message')).toContainText(`${touching.length} relationships`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await graphNodeIds(page)).toContain(target.id);

  await page.getByTestId('delete-ci').click();
  await expect(dialog.getByTestId('delete-ci-message')).toContainText(`${touching.length} relationships`);
  await dialog.getByTestId('confirm').click();
  await expect(dialog).toBeHidden();
  await waitForGraph(page, sample.cis.length - 1);
  expect(await graphNodeIds(page)).not.toContain(target.id);
  expect((await graphEdgeIds(page)).length).toBe(sample.relationships.length - touching.length);
  expect(await statusNumber(page, 'status-total')).toBe(sample.cis.length - 1);

  // Undo from the toolbar: the CI and its relationships come back.
  await expect(page.getByTestId('undo')).toContainText('Payments');
  await page.getByTestId('undo').click();
  await expectGraphNodes(page, sample.cis.map((c) => c.id));
  expect((await graphEdgeIds(page)).length).toBe(sample.relationships.length);

  // Redo with Ctrl+Shift+Z deletes it again, Ctrl+Z restores it.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Shift+z');
  await waitForGraph(page, sample.cis.length - 1);
  await page.keyboard.press('Control+z');
  await expectGraphNodes(page, sample.cis.map((c) => c.id));
});

test('invalid input shows the server message next to the field', async ({ page, explore }) => {
  expect(explore.url).toBeTruthy();
  await page.getByTestId('new-ci').click();
  const form = page.getByTestId('ci-form');
  await form.getByTestId('ci-name').fill('   ');
  await form.getByTestId('ci-form-submit').click();
  await expect(form.getByTestId('field-error-name')).toHaveText('must not be empty');
  await expect(form.getByTestId('ci-name')).toHaveAttribute('aria-invalid', 'true');
  await form.getByTestId('ci-min-healthy').fill('0');
  await form.getByTestId('ci-name').fill('Spare pool');
  await form.getByTestId('ci-form-submit').click();
  await expect(form.getByTestId('field-error-redundancy')).toHaveText('must be at least 1');
  await expect(form.getByTestId('field-error-name')).toHaveCount(0);
  await form.getByRole('button', { name: 'Cancel' }).click();
  expect(await statusNumber(page, 'status-total')).toBe(sample.cis.length);

  // A duplicate relationship: the conflict appears under the type, naming the CIs, not the relationship's id.
  const rel = sample.relationships.find((r) => r.type === 'depends_on')!;
  const source = sample.cis.find((c) => c.id === rel.source)!;
  const target = sample.cis.find((c) => c.id === rel.target)!;
  await searchAndSelect(page, source.name, source.id);
  await page.getByTestId('add-relationship').click();
  const relForm = page.getByTestId('relationship-form');
  await relForm.getByTestId('picker-input').fill(target.name);
  await relForm.locator(`[data-testid="search-result"][data-ci-id="${target.id}"]`).click();
  await relForm.getByTestId('rel-type').selectOption('depends_on');
  await relForm.getByTestId('relationship-form-submit').click();
  await expect(relForm.getByTestId('field-error-type')).toHaveText(`${source.name} already depends on ${target.name}: there is such a relationship already.`);
  await expect(relForm.getByTestId('field-error-type')).not.toContainText(rel.id);
});

test('editing a CI and a relationship, and deleting a relationship after confirming', async ({ page, explore }) => {
  expect(explore.url).toBeTruthy();
  const checkout = byName('Checkout');
  await searchAndSelect(page, 'Checkout', checkout.id);

  await page.getByTestId('edit-ci').click();
  const form = page.getByTestId('ci-form');
  await expect(form.getByTestId('ci-name')).toHaveValue('Checkout');
  await form.getByTestId('ci-owner').fill('team-payments-platform');
  await form.getByTestId('ci-min-healthy').fill('1');
  await form.getByTestId('ci-form-submit').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('inspector')).toContainText('team-payments-platform');
  await expect(page.getByTestId('ci-redundancy')).toHaveText('Needs 1 healthy member');
  await expect(page.getByTestId('undo')).toContainText('Edit Checkout');

  // The soft "depends on Customer Accounts" relationship becomes hard.
  const accounts = byName('Customer Accounts');
  const rel = sample.relationships.find((r) => r.source === checkout.id && r.target === accounts.id)!;
  expect(rel.strength).toBe('soft');
  const row = page.locator(`[data-testid="relationship-row"][data-relationship-id="${rel.id}"]`);
  await expect(row).toContainText('soft');
  await row.hover();
  await row.getByRole('button', { name: `Edit relationship with ${accounts.name}` }).click();
  const relForm = page.getByTestId('relationship-form');
  await expect(relForm.getByTestId('rel-sentence')).toHaveText('Reads: Checkout depends on Customer Accounts');
  await relForm.getByTestId('rel-strength').selectOption('hard');
  await relForm.getByTestId('relationship-form-submit').click();
  await expect(relForm).toBeHidden();
  await expect(row).not.toContainText('soft');

  // Delete it, after the confirmation that names both ends.
  await row.hover();
  await row.getByTestId('relationship-delete').click();
  const dialog = page.getByTestId('delete-relationship-dialog');
  await expect(dialog).toContainText('Checkout depends on Customer Accounts');
  await dialog.getByTestId('confirm').click();
  await expect(row).toHaveCount(0);
  await expect.poll(async () => (await graphEdgeIds(page)).includes(rel.id)).toBe(false);
  expect(await statusNumber(page, 'status-edges')).toBe(sample.relationships.length - 1);
});
