// faultline change list | show | report: the changes of a document, one change with its risk and
// conflicts, and its CAB packet written as HTML, Markdown or PDF.
import { resolve } from 'node:path';
import { CHANGE_STATES, type ChangeState } from '../../../shared/changes';
import { CHANGE_REPORT_FORMATS, type ChangeDetails, type ChangeReportFormat } from '../../../shared/operations';
import { writeFileAtomic } from '../../export';
import { withClient } from '../client';
import { formatTable, parseCommandArgs, printJson, requireOption } from '../support';
import { CliError, EXIT_OK, UsageError, type CliIo } from '../types';
import { ciNames, resolveChange, windowLabel } from './change-support';

const oneRef = (positionals: string[]): string => {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the change number (CHG0003) or id' : `give one change, not ${positionals.length}`);
  return positionals[0];
};

export async function changeList(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { db: { type: 'string' }, state: { type: 'string', multiple: true }, json: { type: 'boolean' } });
  const db = requireOption(values.db, '--db');
  const states = (values.state ?? []).flatMap((s) => s.split(','));
  const bad = states.find((s) => !(CHANGE_STATES as readonly string[]).includes(s));
  if (bad !== undefined) throw new UsageError(`--state must be one of ${CHANGE_STATES.join(', ')}; got "${bad}"`);
  const items = await withClient(db, io, { readOnly: true }, (client) => client.call('change.list', states.length > 0 ? { states: states as ChangeState[] } : {}));
  if (values.json) {
    printJson(io, items);
    return EXIT_OK;
  }
  const sorted = [...items].sort((a, b) => (a.change.number < b.change.number ? -1 : 1));
  const rows = sorted.map(({ change, risk, conflictCount }) => [change.number, change.state, change.type, `${risk.band} ${risk.score}`, String(conflictCount), change.window?.start ?? '', change.title]);
  const table = formatTable(['NUMBER', 'STATE', 'TYPE', 'RISK', 'CONFLICTS', 'START (UTC)', 'TITLE'], rows);
  io.stdout(`${rows.length > 0 ? `${table}\n\n` : ''}${rows.length} change request${rows.length === 1 ? '' : 's'}\n`);
  return EXIT_OK;
}

function formatDetails(details: ChangeDetails, names: ReadonlyMap<string, string>): string {
  const { change, risk, conflicts, allowed } = details;
  const fields: [string, string][] = [
    ['Number', change.number],
    ['ID', change.id],
    ['Title', change.title],
    ['Type', change.type],
    ['State', change.state],
    ['Allowed moves', allowed.length > 0 ? allowed.join(', ') : '(none: closed)'],
    ['Window (UTC)', windowLabel(change.window)],
    ['Implementer', change.implementer || '(none)'],
    ['Targets', change.targets.length > 0 ? change.targets.map((t) => `${names.get(t.ciId) ?? t.ciId} (${t.mode})`).join(', ') : '(none)'],
    ['CMDB state', change.impactSnapshot ? `${change.impactSnapshot.cmdbHash} (snapshot of ${change.impactSnapshot.computedAt})` : '(no snapshot yet)'],
  ];
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;
  const parts = [fields.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`).join('\n')];
  if (change.description) parts.push(`Description\n  ${change.description.replace(/\n/g, '\n  ')}`);
  const factors = formatTable(['FACTOR', 'DETAIL', 'POINTS'], risk.factors.map((f) => [f.label, f.detail, String(f.points)]));
  parts.push(`Risk: ${risk.band} (${risk.score}, impact from ${risk.impactSource === 'snapshot' ? 'the snapshot' : 'the CMDB now'})\n${factors.replace(/^/gm, '  ')}`);
  parts.push(conflicts.length > 0 ? `Conflicts (${conflicts.length})\n${conflicts.map((c) => `  ${c.kind} (${c.severity}): ${c.reason}`).join('\n')}` : 'Conflicts: none');
  return `${parts.join('\n\n')}\n`;
}

export async function changeShow(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { db: { type: 'string' }, json: { type: 'boolean' } }, true);
  const db = requireOption(values.db, '--db');
  const ref = oneRef(positionals);
  const { details, names } = await withClient(db, io, { readOnly: true }, async (client) => {
    const found = await resolveChange(client, ref);
    return { details: found, names: await ciNames(client, found.change.targets.map((t) => t.ciId)) };
  });
  if (values.json) printJson(io, details);
  else io.stdout(formatDetails(details, names));
  return EXIT_OK;
}

function isReportFormat(format: string): format is ChangeReportFormat {
  return (CHANGE_REPORT_FORMATS as readonly string[]).includes(format);
}

export async function changeReport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { db: { type: 'string' }, format: { type: 'string' }, out: { type: 'string', short: 'o' } }, true);
  const db = requireOption(values.db, '--db');
  const ref = oneRef(positionals);
  const format = requireOption(values.format, '--format');
  if (!isReportFormat(format)) throw new UsageError(`--format must be one of ${CHANGE_REPORT_FORMATS.join(', ')}`);
  const out = resolve(requireOption(values.out, '-o'));
  const number = await withClient(db, io, { readOnly: true }, async (client) => {
    const { change } = await resolveChange(client, ref);
    const [file] = (await client.call('change.report', { id: change.id, format })).files;
    try {
      await writeFileAtomic(out, file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content);
    } catch (error) {
      throw new CliError(`could not write ${out}: ${(error as Error).message}`);
    }
    return change.number;
  });
  io.stdout(`Wrote the CAB packet of ${number} as ${format}:\n  ${out}\n`);
  return EXIT_OK;
}
