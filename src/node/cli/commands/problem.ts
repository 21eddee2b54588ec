// faultline problem list|show --db FILE …: the problems of a document, and one problem with its
// root cause, known error, workaround and incidents.
import type { FaultlineApi, ProblemDetails } from '../../../shared/operations';
import type { Problem } from '../../../shared/incidents';
import { withClient } from '../client';
import { ciNames, findProblem, slaText } from '../records';
import { formatTable, parseCommandArgs, printJson, requireOption } from '../support';
import { EXIT_OK, UsageError, type CliCommand } from '../types';

const usage = `Usage: faultline problem list --db FILE [--json]
       faultline problem show --db FILE NUMBER [--json]

  list   every problem, newest first: number, status, incidents, root-cause CI, title
  show   one problem (by number, e.g. PRB0001): root cause, known error, workaround, incidents
  --db FILE   the .faultline document
  --json      print the answer as JSON`;

async function listTable(client: FaultlineApi, problems: readonly Problem[]): Promise<string> {
  if (problems.length === 0) return 'No problems.\n';
  const name = ciNames(client);
  const numbers = new Map((await client.call('incident.list', {})).map((item) => [item.incident.id, item.incident.number]));
  const rows = await Promise.all(
    problems.map(async (p) => [p.number, p.status, p.incidentIds.map((id) => numbers.get(id) ?? id).join(', '), p.rootCauseCiId ? await name(p.rootCauseCiId) : '', p.title]),
  );
  return `${formatTable(['NUMBER', 'STATUS', 'INCIDENTS', 'ROOT CAUSE', 'TITLE'], rows)}\n`;
}

async function detailsText(client: FaultlineApi, details: ProblemDetails): Promise<string> {
  const { problem } = details;
  const fields: [string, string][] = [
    ['Number', problem.number],
    ['Title', problem.title],
    ['Status', problem.status],
    ['Root cause', problem.rootCauseCiId ? await ciNames(client)(problem.rootCauseCiId) : '(not known)'],
    ['Known error', problem.knownError || '(none)'],
    ['Workaround', problem.workaround || '(none)'],
    ['Resolved', problem.resolvedAt ?? '(not yet)'],
    ['Can move to', details.allowed.length > 0 ? details.allowed.join(', ') : '(resolved)'],
  ];
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;
  const parts = [fields.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`).join('\n')];
  if (problem.description) parts.push(problem.description);
  const rows = details.incidents.map(({ incident, sla }) => [incident.number, incident.status, `P${incident.priority}`, incident.openedAt, slaText(sla), incident.title]);
  parts.push(rows.length > 0 ? `Incidents (${rows.length})\n${formatTable(['NUMBER', 'STATUS', 'PRIORITY', 'OPENED', 'SLA', 'TITLE'], rows)}` : 'Incidents: none');
  return `${parts.join('\n\n')}\n`;
}

export const problemCommand: CliCommand = {
  name: 'problem',
  summary: 'List and show problems with their incidents',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'list' && sub !== 'show') throw new UsageError('give list or show');
    const { values, positionals } = parseCommandArgs(rest, { db: { type: 'string' }, json: { type: 'boolean' } }, true);
    const db = requireOption(values.db, '--db');
    if (sub === 'list' && positionals.length > 0) throw new UsageError(`problem list takes no ${positionals[0]}`);
    if (sub === 'show' && positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the problem number' : 'give one problem number');
    await withClient(db, io, { readOnly: true }, async (client) => {
      if (sub === 'list') {
        const problems = await client.call('problem.list', {});
        if (values.json) printJson(io, problems);
        else io.stdout(await listTable(client, problems));
        return;
      }
      const details = await client.call('problem.get', { id: (await findProblem(client, positionals[0])).id });
      if (values.json) printJson(io, details);
      else io.stdout(await detailsText(client, details));
    });
    return EXIT_OK;
  },
};
