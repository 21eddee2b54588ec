// The change-request operations of the contract (change.*, window.*, risk.*): the core's rules
// (src/core/changes) over the open document, each edit persisted before it is answered; the
// changes list is also exported as CSV or Excel (change.export), one change as its CAB packet (change.report).
import type { Cmdb, Transaction } from '../../core/graph/cmdb';
import {
  allChanges,
  allowedTransitions,
  isEditable,
  allWindows,
  assessChanges,
  CHANGE_KIND_NAME,
  changeImpactCache,
  changePacket,
  compareSnapshots,
  impactSnapshot,
  intervalOf,
  overlaps,
  packetHtml,
  packetMarkdown,
  packetPictureSvg,
  requireChange,
  riskWeightsOf,
  setRiskWeights,
  transitionChange,
  voteOnChange,
  windowOccurrences,
  WINDOW_KIND_NAME,
  type ChangeAssessment,
} from '../../core/changes';
import { changeTable, tableToCsv } from '../../core/formats/export';
import type { Change, ChangeState } from '../../shared/changes';
import { TOMBSTONE_KIND, type Tombstone } from '../../shared/record-kinds';
import type { ScheduleWindow } from '../../shared/schedule-windows';
import type { ChangeDetails, ChangeListItem, ChangeReportFormat, DocumentInfo, ExportedFile, OperationName, OperationOutput, ParsedInput } from '../../shared/operations';
import { htmlToPdf, PDF_MIME_TYPE, writeXlsxSheets, XLSX_MIME_TYPE, XLSX_SHEETS, type PdfPrinter } from '../export';

type ChangeOperationName = Extract<OperationName, `change.${string}` | `window.${string}` | `risk.${string}`>;

export type ChangeHandlers = {
  [N in ChangeOperationName]: (input: ParsedInput<N>) => Promise<OperationOutput<N>> | OperationOutput<N>;
};

export interface ChangeServiceContext {
  cmdb(): Cmdb;
  persist(tx: Transaction): Promise<void>;
  documentInfo(): DocumentInfo;
  /** How the CAB packet's PDF is printed (the installed Chromium unless the app gives Electron's). */
  printPdf?: PdfPrinter;
}

const byNumberDescending = (a: Change, b: Change) => (a.number < b.number ? 1 : a.number > b.number ? -1 : 0);

function listItem(change: Change, assessment: ChangeAssessment): ChangeListItem {
  return { change, risk: { score: assessment.risk.score, band: assessment.risk.band }, conflictCount: assessment.conflicts.length };
}

/** The CAB packet of `details` as one file in `format` (the PDF is the HTML printed by Chromium). */
async function packetFile(cmdb: Cmdb, details: ChangeDetails, format: ChangeReportFormat, printPdf: PdfPrinter): Promise<ExportedFile> {
  const packet = changePacket(cmdb, details, new Date().toISOString());
  if (format === 'svg') return { name: `${details.change.number}-impact.svg`, mimeType: 'image/svg+xml', encoding: 'utf8', content: packetPictureSvg(packet) };
  const name = `${details.change.number}-cab-packet.${format}`;
  if (format === 'md') return { name, mimeType: 'text/markdown', encoding: 'utf8', content: packetMarkdown(packet) };
  const html = packetHtml(packet);
  if (format === 'html') return { name, mimeType: 'text/html', encoding: 'utf8', content: html };
  return { name, mimeType: PDF_MIME_TYPE, encoding: 'base64', content: Buffer.from(await printPdf(html)).toString('base64') };
}

export function createChangeHandlers(ctx: ChangeServiceContext): ChangeHandlers {
  const impacts = changeImpactCache();
  const assess = (changes?: readonly Change[]) => {
    const cmdb = ctx.cmdb();
    return assessChanges(cmdb, impacts(cmdb), Date.now(), changes);
  };
  const details = (change: Change): ChangeDetails => {
    const assessment = assess([change]).get(change.id) as ChangeAssessment;
    return { change, allowed: allowedTransitions(change), editable: isEditable(change), risk: assessment.risk, conflicts: assessment.conflicts };
  };
  const saved = async (result: { change: Change; tx: Transaction }) => {
    await ctx.persist(result.tx);
    return { value: details(result.change), info: ctx.documentInfo() };
  };
  const savedWindow = async (result: { record: unknown; tx: Transaction }) => {
    await ctx.persist(result.tx);
    return { value: result.record as ScheduleWindow, info: ctx.documentInfo() };
  };
  const weights = () => riskWeightsOf(ctx.cmdb());
  const list = (states: readonly ChangeState[] | undefined): ChangeListItem[] => {
    const wanted = states && states.length > 0 ? new Set(states) : null;
    const changes = allChanges(ctx.cmdb()).filter((c) => !wanted || wanted.has(c.state)).sort(byNumberDescending);
    const assessed = assess(changes);
    return changes.map((c) => listItem(c, assessed.get(c.id) as ChangeAssessment));
  };
  /** A target's name: the CI's, or the deleted CI's kept in its tombstone. */
  const ciName = (id: string): string | undefined => {
    const cmdb = ctx.cmdb();
    return cmdb.graph.getCi(id)?.name ?? (cmdb.records.get(TOMBSTONE_KIND.name, id) as Tombstone | undefined)?.name;
  };
  return {
    'change.list': ({ states }) => list(states),
    'change.export': async ({ format, states }) => {
      const table = changeTable(list(states), ciName);
      if (format === 'csv') return { files: [{ name: 'changes.csv', mimeType: 'text/csv', encoding: 'utf8', content: tableToCsv(table) } satisfies ExportedFile] };
      const buffer = await writeXlsxSheets([{ name: XLSX_SHEETS.changes, table }]);
      return { files: [{ name: 'changes.xlsx', mimeType: XLSX_MIME_TYPE, encoding: 'base64', content: buffer.toString('base64') } satisfies ExportedFile] };
    },
    'change.calendar': ({ from, to }) => {
      const range = intervalOf({ start: from, end: to });
      const changes = allChanges(ctx.cmdb())
        .filter((c) => c.window !== null && overlaps(intervalOf(c.window), range))
        .sort((a, b) => Date.parse(a.window?.start ?? '') - Date.parse(b.window?.start ?? '') || byNumberDescending(b, a));
      const assessed = assess(changes);
      const windows = allWindows(ctx.cmdb());
      return {
        changes: changes.map((c) => listItem(c, assessed.get(c.id) as ChangeAssessment)),
        windows,
        occurrences: windows.flatMap((w) => windowOccurrences(w, range)),
      };
    },
    'change.get': ({ id }) => details(requireChange(ctx.cmdb(), id)),
    'change.report': async ({ id, format }) => ({ files: [await packetFile(ctx.cmdb(), details(requireChange(ctx.cmdb(), id)), format, ctx.printPdf ?? ((html) => htmlToPdf(html)))] }),
    'change.create': ({ change }) => {
      const { record, tx } = ctx.cmdb().createRecord(CHANGE_KIND_NAME, change);
      return saved({ change: record as Change, tx });
    },
    'change.update': ({ id, patch }) => {
      const { record, tx } = ctx.cmdb().updateRecord(CHANGE_KIND_NAME, id, patch);
      return saved({ change: record as Change, tx });
    },
    'change.transition': ({ id, ...move }) => saved(transitionChange(ctx.cmdb(), id, move)),
    'change.vote': ({ id, vote, comment, member }) => saved(voteOnChange(ctx.cmdb(), id, vote, comment, member)),
    'change.recompute': ({ id }) => {
      const cmdb = ctx.cmdb();
      const change = requireChange(cmdb, id);
      const now = impactSnapshot(cmdb.graph, change.targets, new Date().toISOString());
      const frozen = change.impactSnapshot;
      const comparison = frozen ? compareSnapshots(frozen, now) : { cmdbMoved: true, servicesAdded: now.services.map((s) => s.id), servicesRemoved: [], cisAdded: now.impacted.map((c) => c.id), cisRemoved: [], levelsMoved: [] };
      return { frozen, now, ...comparison };
    },
    'window.list': () => allWindows(ctx.cmdb()).sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)),
    'window.create': ({ window }) => savedWindow(ctx.cmdb().createRecord(WINDOW_KIND_NAME, window)),
    'window.update': ({ id, patch }) => savedWindow(ctx.cmdb().updateRecord(WINDOW_KIND_NAME, id, patch)),
    'window.delete': async ({ id }) => {
      const { tx } = ctx.cmdb().deleteRecord(WINDOW_KIND_NAME, id);
      await ctx.persist(tx);
      return { value: null, info: ctx.documentInfo() };
    },
    'risk.getWeights': () => weights(),
    'risk.setWeights': async ({ weights: next }) => {
      const tx = setRiskWeights(ctx.cmdb(), next);
      if (tx) await ctx.persist(tx);
      return { value: weights(), info: ctx.documentInfo() };
    },
  };
}
