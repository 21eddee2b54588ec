// The CAB workflow end to end on the sample CMDB (issue 11): a simulation saved as a normal change,
// submitted to the CAB with its risk and a transitive conflict with an overlapping change on an
// unrelated CI, voted on and approved in the CAB view, scheduled, seen on the calendar.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { searchAndSelect } from './support/explore';

/** Chooses a packet format and returns the downloaded file's path. */
async function downloadPacket(page: Page, format: 'html' | 'pdf' | 'md'): Promise<string> {
  await page.getByTestId('packet-button').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`packet-${format}`).click()]);
  const path = await download.path();
  expect(download.suggestedFilename()).toBe(`CHG0007-cab-packet.${format}`);
  return path;
}

// Windows are typed in local time: UTC here, so the times below are the stored ones.
test.use({ timezoneId: 'UTC' });

test('from a simulation to a scheduled change: risk, a transitive conflict, the CAB vote and decision, the calendar', async ({ page, explore }) => {
  void explore;
  await page.setViewportSize({ width: 1280, height: 800 });

  // A session cache node goes down on the night CHG0003 rebuilds an orders-db replica: the targets
  // share nothing, but both outages put Customer Accounts at risk.
  await searchAndSelect(page, 'redis sessions-prod node 1', 'cache-session-1');
  await page.getByTestId('simulate-change').click();
  await expect(page.getByTestId('impact-service').first()).toBeVisible();
  await page.getByTestId('save-as-change').click();
  const form = page.getByTestId('change-form');
  await expect(form.getByTestId('target-cache-session-1')).toContainText('redis sessions-prod node 1');
  await form.getByTestId('change-title').fill('Patch redis on sessions node 1');
  await form.getByTestId('change-start').fill('2026-12-13T01:30');
  await form.getByTestId('change-end').fill('2026-12-13T02:30');
  await form.getByTestId('change-implementer').fill('Sam Okafor');
  await form.getByTestId('change-rollback').fill('Fail over to node 2 and reinstall the previous package.');
  await form.getByTestId('change-form-submit').click();
  await expect(form).toBeHidden();

  // The new change opens in the Changes screen, numbered after the sample's six.
  await expect(page.getByTestId('changes-screen')).toBeVisible();
  const detail = page.getByTestId('change-detail');
  await expect(detail).toContainText('CHG0007');
  await expect(detail).toContainText('Draft');
  await expect(detail.getByTestId('change-window')).toContainText('1:30');
  await expect(page.getByTestId('change-row-CHG0007')).toBeVisible();

  for (const to of ['assessed', 'cab_review'] as const) {
    await detail.getByTestId(`move-${to}`).click();
    await page.getByTestId('change-move-submit').click();
    await expect(page.getByTestId('change-move')).toBeHidden();
  }
  await expect(detail).toContainText('CAB review');
  await expect(detail.getByTestId('impact-source')).toContainText('Snapshot frozen for the CAB');
  await expect(detail.getByTestId('impacted-services')).toContainText('Customer Accounts');

  // Risk: every factor shown; the conflicts factor counts what the conflicts list shows.
  const risk = detail.getByTestId('risk-breakdown');
  await expect(risk.getByTestId('risk-chip')).toBeVisible();
  const conflictPoints = Number(await risk.getByTestId('risk-factor-conflicts').locator('.risk-points').textContent());
  expect(conflictPoints).toBeGreaterThan(0);
  const shared = detail.getByTestId('conflict-shared_services').filter({ hasText: 'CHG0003' });
  await expect(shared).toContainText('Customer Accounts');
  await expect(shared).toContainText('share no CI');
  await page.screenshot({ path: 'test-results/screenshots/changes/change-detail-light-1280.png' });

  // The link opens the other change.
  await shared.getByRole('button', { name: /Open CHG0003/ }).click();
  await expect(detail).toContainText('Rebuild orders-db replica 1');
  await page.getByTestId('change-row-CHG0007').click();
  await expect(detail).toContainText('Patch redis on sessions node 1');

  // The CAB meeting: a member's vote, then the decision.
  await page.getByTestId('tab-cab').click();
  await page.getByTestId('cab-date').fill('2026-12-08');
  const item = page.getByTestId('cab-item-CHG0007');
  await expect(item).toContainText('Shared services');
  await page.getByTestId('cab-member').fill('Marta Kowalski (CAB, infrastructure)');
  await item.getByTestId('vote-approve').click();
  await expect(item.getByTestId('cab-tally')).toContainText('1 approve');
  await page.screenshot({ path: 'test-results/screenshots/changes/cab-light-1280.png' });
  await item.getByTestId('cab-approve').click();
  await expect(page.getByTestId('move-comment')).toHaveValue('Approved by the CAB of December 8, 2026.');
  await page.getByTestId('change-move-submit').click();
  await expect(item).toBeHidden();
  await expect(page.getByTestId('cab-item-CHG0004')).toBeVisible();

  // Scheduled from its detail; the history names who did what.
  await page.getByTestId('tab-changes').click();
  await page.getByTestId('change-row-CHG0007').click();
  await expect(detail).toContainText('Approved');
  await detail.getByTestId('move-scheduled').click();
  await page.getByTestId('change-move-submit').click();
  await expect(detail.getByTestId('move-implemented')).toBeVisible();
  const history = detail.getByTestId('change-history');
  await expect(history).toContainText('Marta Kowalski (CAB, infrastructure) voted approve');
  await expect(history).toContainText('CAB review → Approved — Approved by the CAB of December 8, 2026.');
  await expect(history).toContainText('Approved → Scheduled');

  // The calendar of that week shows it with its conflict mark, beside the Sunday database window.
  await page.getByTestId('tab-schedule').click();
  await page.getByTestId('schedule-date').fill('2026-12-13');
  const bar = page.getByTestId('timeline-CHG0007');
  await expect(bar).toHaveClass(/has-conflict/);
  await expect(page.getByTestId('occurrence-maintenance').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/changes/schedule-light-1280.png' });
  await bar.click();
  await expect(page.getByTestId('changes-screen')).toBeVisible();
  await expect(detail).toContainText('CHG0007');

  // The packet to hand out: self-contained HTML with the impacted services and the picture, and a PDF of it.
  await expect(detail.getByTestId('impact-picture').locator('img')).toBeVisible();
  const html = readFileSync(await downloadPacket(page, 'html'), 'utf8');
  expect(html).toContain('CHG0007');
  expect(html).toContain('Customer Accounts');
  expect(html).toMatch(/<svg[^>]*>[\s\S]*Impact of CHG0007[\s\S]*<\/svg>/);
  expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)|\bsrc\s*=/);
  const pdfText = execFileSync('pdftotext', [await downloadPacket(page, 'pdf'), '-'], { encoding: 'utf8' });
  expect(pdfText).toContain('CHG0007');
  expect(pdfText).toContain('Customer Accounts');
  expect(readFileSync(await downloadPacket(page, 'md'), 'utf8')).toContain('| Service | Level | Criticality | Path |');

  // Undo takes the last step back: the change is approved again.
  await page.getByTestId('undo').click();
  await expect(detail).toContainText('Approved');
  await expect(detail.getByTestId('move-scheduled')).toBeVisible();
});

test('a refused move names what is wrong and changes nothing; sending back needs a comment', async ({ page, explore }) => {
  void explore;
  await page.getByTestId('tab-changes').click();
  await page.getByTestId('change-row-CHG0004').click();
  const detail = page.getByTestId('change-detail');
  await detail.getByTestId('move-draft').click();
  await page.getByTestId('change-move-submit').click();
  await expect(page.getByTestId('field-error-comment')).toContainText('Say what the change needs');
  await page.getByTestId('move-comment').fill('Needs a tested rollback on the replica first.');
  await page.getByTestId('change-move-submit').click();
  await expect(page.getByTestId('change-move')).toBeHidden();
  await expect(detail).toContainText('Draft');
  await expect(detail.getByTestId('impact-source')).toContainText('Computed on the CMDB as it is now');

  // A change started from the graph: the inspector's "New change" names the selected CI as its target.
  await page.getByTestId('tab-explore').click();
  await searchAndSelect(page, 'orders-db primary', 'db-orders-primary');
  await page.getByTestId('new-change-for-ci').click();
  await expect(page.getByTestId('change-form').getByTestId('target-db-orders-primary')).toContainText('orders-db primary');
  await page.keyboard.press('Escape');
  await page.getByTestId('tab-changes').click();

  // The form refuses a window that ends before it starts, naming the field.
  await detail.getByTestId('edit-change').click();
  const form = page.getByTestId('change-form');
  await form.getByTestId('change-start').fill('2026-12-13T03:00');
  await form.getByTestId('change-end').fill('2026-12-13T02:00');
  await form.getByTestId('change-form-submit').click();
  await expect(form.getByTestId('field-error-window')).toContainText('end after');
  await page.keyboard.press('Escape');
  await expect(detail.getByTestId('change-window')).toContainText('Dec 13');

  // Risk settings: a heavier weight for normal changes moves the score by the difference; undo restores it.
  const score = async () => Number(await detail.getByTestId('risk-score').textContent());
  const before = await score();
  await page.getByTestId('risk-settings').click();
  const weights = page.getByTestId('risk-weights');
  await expect(weights.getByTestId('weight-type.normal')).toHaveValue('5');
  await weights.getByTestId('weight-type.normal').fill('40');
  await weights.getByTestId('risk-weights-save').click();
  await expect(weights).toBeHidden();
  await expect.poll(score).toBeCloseTo(before + 35, 2);
  await page.getByTestId('undo').click();
  await expect.poll(score).toBeCloseTo(before, 2);

  // The filters: only drafts, then the risk band of none of them.
  await page.getByTestId('filter-draft').click();
  await expect(page.getByTestId('changes-count')).toHaveText('2 of 6 changes');
  await expect(page.getByTestId('change-row-CHG0004')).toBeVisible();
  await expect(page.getByTestId('change-row-CHG0002')).toBeHidden();
});

test('a list of 1,000 changes keeps only the rows in view in the page, and scrolls and sorts through all of them', async ({ page, server }) => {
  const token = new URL(server.url).searchParams.get('token') ?? '';
  const targets = ['cache-session-1', 'db-orders-replica-1', 'lb-storefront-1', 'k8s-prod'];
  for (let i = 0; i < 994; i++) {
    const start = Date.UTC(2027, 0, 1) + i * 3_600_000;
    const response = await page.request.post(`${server.origin}/api/change.create`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { change: { title: `Generated change ${i}`, targets: [{ ciId: targets[i % targets.length], mode: 'down' }], window: { start: new Date(start).toISOString(), end: new Date(start + 1_800_000).toISOString() } } },
    });
    expect(response.ok()).toBe(true);
  }
  await page.goto(server.url);
  await page.getByTestId('tab-changes').click();
  await expect(page.getByTestId('changes-count')).toHaveText('1000 changes');
  const rows = page.locator('[data-testid^="change-row-"]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(60);
  await expect(page.getByTestId('change-row-CHG1000')).toBeVisible();

  // End goes to the last row (the oldest, sorted newest first): only a window of rows is drawn there too.
  await page.getByTestId('change-row-CHG1000').click();
  await page.locator('.vtable-body').press('End');
  await expect(page.getByTestId('change-row-CHG0001')).toBeVisible();
  await expect(page.getByTestId('change-detail')).toContainText('CHG0001');
  await expect(page.getByTestId('change-row-CHG1000')).toHaveCount(0);
  expect(await rows.count()).toBeLessThan(60);

  // Sorting by planned window, latest first, brings the last generated change to the top.
  await page.getByRole('columnheader', { name: /Planned window/ }).getByRole('button').click();
  await page.getByRole('columnheader', { name: /Planned window/ }).getByRole('button').click();
  await page.locator('.vtable-body').press('Home');
  await expect(rows.first()).toContainText('Generated change 993');
});

test('a weekly blackout added in the windows dialog is shaded on the calendar; a bad time zone is named', async ({ page, explore }) => {
  void explore;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId('tab-schedule').click();
  await page.getByTestId('schedule-date').fill('2026-12-10');
  await expect(page.getByTestId('occurrence-blackout')).toHaveCount(0);
  await page.getByTestId('manage-windows').click();
  const dialog = page.getByTestId('windows-dialog');
  await expect(dialog).toContainText('Database tier — Sunday maintenance');
  await expect(dialog).toContainText('Sundays 01:00–05:00 (Europe/Paris)');
  await dialog.getByTestId('new-window').click();
  await dialog.getByTestId('window-name').fill('Friday freeze');
  await dialog.getByTestId('window-kind').selectOption('blackout');
  await dialog.getByTestId('window-zone').fill('Mars/Olympus');
  await dialog.getByTestId('weekday-0').click();
  await dialog.getByTestId('weekday-5').click();
  await dialog.getByTestId('window-start-time').fill('16:00');
  await dialog.getByTestId('window-end-time').fill('23:00');
  await dialog.getByTestId('window-save').click();
  await expect(dialog.getByTestId('field-error-timeZone')).toContainText('IANA time zone');
  await dialog.getByTestId('window-zone').fill('UTC');
  await dialog.getByTestId('window-save').click();
  await expect(dialog).toContainText('Fridays 16:00–23:00 (UTC)');
  await page.screenshot({ path: 'test-results/screenshots/changes/windows-light-1280.png' });
  await page.keyboard.press('Escape');
  const blackout = page.getByTestId('occurrence-blackout');
  await expect(blackout).toHaveCount(1);
  await expect(blackout).toHaveAttribute('title', 'Blackout: Friday freeze');
  await page.getByTestId('undo').click();
  await expect(blackout).toHaveCount(0);
});
