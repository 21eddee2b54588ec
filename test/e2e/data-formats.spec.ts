// The analyst's round trip on realistic files (test/fixtures/formats): in a new, empty CMDB,
// import a Backstage catalog, a Terraform state and a ServiceNow export (cmdb_ci, then
// cmdb_rel_ci) through File → Import with their previews, apply each, undo and redo one, find
// an imported CI; then export GraphML (yEd), GEXF (Gephi) and Excel through File → Export and
// read the downloads back: the XML with Chromium's own parser, the workbook with exceljs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expect, test } from './support/fixtures';
import { selectedIds, statusNumber, waitForGraph } from './support/explore';
import { REPO_ROOT } from './support/server';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/formats');
const SCREENSHOTS = 'test-results/screenshots';
/** Secrets in terraform.tfstate (a password marked sensitive, the same in a connection string, a Redis auth token). */
const SECRETS = ['S3cr3t-Pa55w0rd!', 'rds-auth-0f9e8d7c6b5a4'];

const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';
const YED_NS = 'http://www.yworks.com/xml/graphml';
const GEXF_NS = 'http://gexf.net/1.3';

interface Expected {
  file: string;
  cis: { create: number; rejected: number };
  rels: { create: number; rejected: number };
  /** Text each rejected row shows, in order. */
  rejected: string[];
  /** Text the new-CIs list shows (name and class label). */
  created: string[];
  warnings: number;
  /** Text the warnings list shows. */
  warningTexts?: string[];
  screenshot: string;
  /** The tab shown in the screenshot. */
  tab: 'create' | 'rejected' | 'warnings' | 'relationships';
}

const IMPORTS: Expected[] = [
  {
    file: 'backstage-catalog.yaml',
    cis: { create: 33, rejected: 0 },
    rels: { create: 65, rejected: 0 },
    rejected: [],
    created: ['payment-gateway', 'checkout', 'orders-db'],
    // Among them the dependsOn a resource in another catalog file, with its line and field.
    warnings: 5,
    warningTexts: ['backstage-catalog.yaml:172, document 14 (spec.dependsOn[1]): the target "resource:default/search-index" is neither in this file nor in the CMDB'],
    screenshot: 'formats-preview-backstage.png',
    tab: 'create',
  },
  {
    file: 'terraform.tfstate',
    cis: { create: 36, rejected: 0 },
    rels: { create: 84, rejected: 0 },
    rejected: [],
    created: ['aws_db_instance.orders', 'module.vpc.aws_subnet.private[0]', 'aws_ecs_service.app["checkout"]'],
    // 3, and one per dependency on a resource not in the state (6).
    warnings: 9,
    screenshot: 'formats-preview-terraform.png',
    tab: 'create',
  },
  {
    file: 'servicenow/cmdb_ci.csv',
    cis: { create: 33, rejected: 1 },
    rels: { create: 0, rejected: 0 },
    rejected: ['cmdb_ci.csv, row 35', 'no Faultline class for sys_class_name "cmdb_ci_printer" (PRN-WH-03)'],
    created: ['ORDERSPRD', 'lnxshop01', 'DC1-Prod-Cluster'],
    warnings: 0,
    screenshot: 'formats-preview-servicenow-cis.png',
    tab: 'rejected',
  },
  {
    file: 'servicenow/cmdb_rel_ci.csv',
    cis: { create: 0, rejected: 0 },
    rels: { create: 41, rejected: 1 },
    rejected: ['row 44', 'Managed by::Manages'],
    created: [],
    // The printer's relationship (row 43): its CI was rejected, so it names nothing in the CMDB.
    warnings: 1,
    screenshot: 'formats-preview-servicenow-relationships.png',
    tab: 'relationships',
  },
];

const TOTAL_CIS = 33 + 36 + 33;
const TOTAL_RELS = 65 + 84 + 41;

async function openFileMenu(page: Page, item: 'data-import' | 'data-export'): Promise<void> {
  await page.getByTestId('doc-menu').click();
  await page.getByTestId(item).click();
}

async function importThroughUi(page: Page, expected: Expected): Promise<void> {
  const name = expected.file.replace(/^.*\//, '');
  await openFileMenu(page, 'data-import');
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file-input').setInputFiles(join(FIXTURES, expected.file));

  await expect(dialog.getByTestId('count-cis-create')).toHaveText(String(expected.cis.create));
  await expect(dialog.getByTestId('count-cis-update')).toHaveText('0');
  await expect(dialog.getByTestId('count-cis-rejected')).toHaveText(String(expected.cis.rejected));
  await expect(dialog.getByTestId('count-rels-create')).toHaveText(String(expected.rels.create));
  await expect(dialog.getByTestId('count-rels-rejected')).toHaveText(String(expected.rels.rejected));
  await expect(dialog.getByTestId('import-tab-warnings')).toContainText(String(expected.warnings));

  if (expected.cis.create > 0) {
    await dialog.getByTestId('import-tab-create').click();
    await expect(dialog.getByTestId('import-create-row')).toHaveCount(expected.cis.create);
    for (const text of expected.created) await expect(dialog.getByTestId('import-list-create')).toContainText(text);
  }
  if (expected.rels.create > 0) {
    await dialog.getByTestId('import-tab-relationships').click();
    await expect(dialog.getByTestId('import-rel-row')).toHaveCount(expected.rels.create);
  }
  await dialog.getByTestId('import-tab-rejected').click();
  await expect(dialog.getByTestId('import-rejected-row')).toHaveCount(expected.cis.rejected + expected.rels.rejected);
  for (const text of expected.rejected) await expect(dialog.getByTestId('import-list-rejected')).toContainText(text);
  if (expected.warningTexts) {
    await dialog.getByTestId('import-tab-warnings').click();
    for (const text of expected.warningTexts) await expect(dialog.getByTestId('import-list-warnings')).toContainText(text);
    await expect(dialog.getByTestId('import-left-out')).toBeVisible();
  }

  await dialog.getByTestId(`import-tab-${expected.tab}`).click();
  await page.screenshot({ path: `${SCREENSHOTS}/${expected.screenshot}` });

  await dialog.getByTestId('import-apply').click();
  const report = dialog.getByTestId('import-report');
  await expect(report).toContainText(`${expected.cis.create} CIs created`);
  await expect(report).toContainText(`${expected.rels.create} relationships created`);
  await dialog.getByTestId('import-close').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('undo')).toContainText(`Import ${name}`);
}

async function exportThroughUi(page: Page, format: 'graphml' | 'gexf' | 'xlsx'): Promise<{ name: string; bytes: Buffer }> {
  await openFileMenu(page, 'data-export');
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId(`export-format-${format}`).check();
  const download: Promise<Download> = page.waitForEvent('download');
  await dialog.getByTestId('export-run').click();
  const file = await download;
  await expect(dialog.getByTestId('export-done')).toContainText(`.${format}`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** The bits of the browser's XML DOM the readers use (tsconfig.node has no DOM types). */
interface XmlElement {
  readonly namespaceURI: string | null;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
  getElementsByTagNameNS(ns: string, name: string): ArrayLike<XmlElement>;
}
interface XmlDocument extends XmlElement {
  readonly documentElement: XmlElement;
}
type ParserHost = { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } };

interface GraphmlFacts {
  error: string | null;
  hasNodeGraphicsKey: boolean;
  nodes: number;
  edges: number;
  /** Per node: its name data, and the y:NodeLabel text inside a y:ShapeNode of the nodegraphics data. */
  labels: { name: string; label: string | null }[];
  danglingEdges: number;
}

/** GraphML read by Chromium's XML parser, the way yEd reads it: namespaces and keys, not text search. */
function readGraphml(page: Page, xml: string): Promise<GraphmlFacts> {
  return page.evaluate(
    ({ text, ns, yns }) => {
      const doc = new (globalThis as unknown as ParserHost).DOMParser().parseFromString(text, 'application/xml');
      const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
      const keys = Array.from(doc.getElementsByTagNameNS(ns, 'key'));
      const graphicsKey = keys.find((k) => k.getAttribute('yfiles.type') === 'nodegraphics' && k.getAttribute('for') === 'node');
      const nameKey = keys.find((k) => k.getAttribute('attr.name') === 'name' && k.getAttribute('for') === 'node');
      const nodes = Array.from(doc.getElementsByTagNameNS(ns, 'node'));
      const ids = new Set(nodes.map((n) => n.getAttribute('id')));
      const edges = Array.from(doc.getElementsByTagNameNS(ns, 'edge'));
      const dataOf = (node: XmlElement, key: XmlElement | undefined) => Array.from(node.getElementsByTagNameNS(ns, 'data')).find((d) => key && d.getAttribute('key') === key.getAttribute('id'));
      return {
        error,
        hasNodeGraphicsKey: graphicsKey !== undefined,
        nodes: nodes.length,
        edges: edges.length,
        labels: nodes.map((node) => {
          const shape = dataOf(node, graphicsKey)?.getElementsByTagNameNS(yns, 'ShapeNode')[0];
          const label = shape?.getElementsByTagNameNS(yns, 'NodeLabel')[0];
          return { name: dataOf(node, nameKey)?.textContent ?? '', label: label ? label.textContent : null };
        }),
        danglingEdges: edges.filter((e) => !ids.has(e.getAttribute('source')) || !ids.has(e.getAttribute('target'))).length,
      };
    },
    { text: xml, ns: GRAPHML_NS, yns: YED_NS },
  );
}

interface GexfFacts {
  error: string | null;
  namespace: string | null;
  version: string | null;
  nodes: number;
  edges: number;
  labels: string[];
}

function readGexf(page: Page, xml: string): Promise<GexfFacts> {
  return page.evaluate(
    ({ text, ns }) => {
      const doc = new (globalThis as unknown as ParserHost).DOMParser().parseFromString(text, 'application/xml');
      const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
      const root = doc.documentElement;
      const nodes = Array.from(doc.getElementsByTagNameNS(ns, 'node'));
      return {
        error,
        namespace: root.namespaceURI,
        version: root.getAttribute('version'),
        nodes: nodes.length,
        edges: doc.getElementsByTagNameNS(ns, 'edge').length,
        labels: nodes.map((n) => n.getAttribute('label') ?? ''),
      };
    },
    { text: xml, ns: GEXF_NS },
  );
}

test('Backstage, Terraform and ServiceNow in through the previews; GraphML, GEXF and Excel out', async ({ page, explore }) => {
  // A new, empty CMDB next to the sample.
  await page.getByTestId('doc-menu').click();
  await page.getByTestId('doc-new').click();
  const docDialog = page.getByTestId('doc-path-dialog');
  await docDialog.getByTestId('doc-path').fill(join(explore.dataDir, 'formats.faultline'));
  await docDialog.getByTestId('doc-path-submit').click();
  await expect(page).toHaveTitle('formats.faultline — Faultline');
  await expect(page.getByTestId('empty-state')).toBeVisible();

  // Backstage: preview, apply, then one undo takes the whole import back and redo restores it.
  await importThroughUi(page, IMPORTS[0]);
  await waitForGraph(page, 33);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await expect.poll(() => statusNumber(page, 'status-total')).toBe(0);
  await expect(page.getByTestId('redo')).toContainText('Import backstage-catalog.yaml');
  await page.keyboard.press('Control+Shift+z');
  await waitForGraph(page, 33);
  await expect(page.getByTestId('undo')).toContainText('Import backstage-catalog.yaml');

  // The search finds an imported CI with its class.
  await page.keyboard.press('Control+k');
  await page.getByTestId('search-input').fill('payment-gateway');
  const hit = page.getByTestId('search-result').filter({ hasText: 'payment-gateway' }).first();
  await expect(hit).toContainText('Application');
  await expect(hit).toContainText('team-checkout');
  const hitId = await hit.getAttribute('data-ci-id');
  await hit.click();
  await expect(page.getByTestId('search-dialog')).toBeHidden();
  await expect.poll(() => selectedIds(page)).toEqual([hitId]);
  await page.keyboard.press('Escape');

  await importThroughUi(page, IMPORTS[1]);
  await waitForGraph(page, 33 + 36);
  await importThroughUi(page, IMPORTS[2]);
  await waitForGraph(page, TOTAL_CIS);
  await importThroughUi(page, IMPORTS[3]);
  await expect.poll(() => statusNumber(page, 'status-edges')).toBe(TOTAL_RELS);
  expect(await statusNumber(page, 'status-total')).toBe(TOTAL_CIS);
  await waitForGraph(page, TOTAL_CIS);
  await page.screenshot({ path: `${SCREENSHOTS}/formats-graph-after-imports.png` });

  // GraphML for yEd: a nodegraphics key, and per node a y:ShapeNode whose y:NodeLabel is the CI's name.
  const graphml = await exportThroughUi(page, 'graphml');
  expect(graphml.name).toMatch(/^formats.*\.graphml$/);
  const graphmlText = graphml.bytes.toString('utf8');
  const g = await readGraphml(page, graphmlText);
  expect(g.error).toBeNull();
  expect(g.hasNodeGraphicsKey).toBe(true);
  expect([g.nodes, g.edges, g.danglingEdges]).toEqual([TOTAL_CIS, TOTAL_RELS, 0]);
  expect(g.labels.filter((l) => l.label === null || l.label !== l.name || l.name === '')).toEqual([]);
  expect(g.labels.map((l) => l.name)).toEqual(expect.arrayContaining(['payment-gateway', 'aws_db_instance.orders', 'Online Shop', 'lnxdb01']));

  // GEXF 1.3 for Gephi.
  const gexf = await exportThroughUi(page, 'gexf');
  expect(gexf.name).toMatch(/\.gexf$/);
  const gexfText = gexf.bytes.toString('utf8');
  const x = await readGexf(page, gexfText);
  expect(x.error).toBeNull();
  expect([x.namespace, x.version]).toEqual([GEXF_NS, '1.3']);
  expect([x.nodes, x.edges]).toEqual([TOTAL_CIS, TOTAL_RELS]);
  expect(x.labels.filter((l) => l === '')).toEqual([]);
  expect(x.labels).toEqual(expect.arrayContaining(['payment-gateway', 'aws_db_instance.orders', 'Online Shop', 'lnxdb01']));

  // Excel: a CIs sheet and a Relationships sheet, a header row and one row per item.
  const xlsx = await exportThroughUi(page, 'xlsx');
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer); // exceljs types want an ArrayBuffer; it reads a Buffer.
  expect(workbook.worksheets.map((s) => s.name)).toEqual(['CIs', 'Relationships']);
  const cisSheet = workbook.getWorksheet('CIs')!;
  const relSheet = workbook.getWorksheet('Relationships')!;
  expect([cisSheet.actualRowCount, relSheet.actualRowCount]).toEqual([1 + TOTAL_CIS, 1 + TOTAL_RELS]);
  const header = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header(cisSheet).slice(0, 2)).toEqual(['Id', 'Label']);
  expect(header(relSheet)).toEqual(expect.arrayContaining(['Source', 'Target', 'Type']));
  const labels: unknown[] = [];
  cisSheet.eachRow((row, n) => n > 1 && labels.push(row.getCell(2).value));
  expect(labels).toEqual(expect.arrayContaining(['payment-gateway', 'aws_db_instance.orders', 'Online Shop']));

  // No secret of the state file went anywhere (the workbook is zipped: read its cells).
  const cells: string[] = [];
  for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
  const workbookText = cells.join('\n');
  for (const secret of SECRETS) {
    expect(graphmlText).not.toContain(secret);
    expect(gexfText).not.toContain(secret);
    expect(workbookText).not.toContain(secret);
  }
});

test('a catalog with an unreadable document is refused at its line and column; its readable part can be previewed, the lost counted', async ({ page, explore }) => {
  expect(explore.dataDir).toBeTruthy();
  const entity = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${extra}spec:\n  type: service\n`;
  const catalog = [entity('e2e-one'), entity('e2e-two', '  title: "unclosed\n'), entity('e2e-three')].join('---\n');
  await openFileMenu(page, 'data-import');
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file-input').setInputFiles({ name: 'broken-catalog.yaml', mimeType: 'application/yaml', buffer: Buffer.from(catalog) });
  await expect(dialog.getByTestId('import-error')).toHaveText('Nothing was imported: broken-catalog.yaml:12:10: document 2 is not valid YAML: Missing closing "quote');
  await expect(dialog.getByTestId('import-apply')).toHaveCount(0);

  await dialog.getByTestId('import-skip-unreadable').click();
  await expect(dialog.getByTestId('count-cis-create')).toHaveText('1');
  await expect(dialog.getByTestId('import-left-out')).toContainText('2 entities in unreadable parts of the file');
  await dialog.getByTestId('import-tab-warnings').click();
  await expect(dialog.getByTestId('import-list-warnings')).toContainText('skipped as asked, 2 entities lost with it');
  await expect(dialog.getByTestId('import-apply')).toBeEnabled();
});
