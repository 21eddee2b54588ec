// faultline incident list|show|create|causes --db FILE …: the incidents of a document, one
// incident in full, a new incident on CIs (its services and priority computed), and the changes
// that probably caused one with the open incidents probably of the same outage.
import { INCIDENT_STATUSES, type IncidentStatus } from '../../../shared/incidents';
import type { FaultlineApi, IncidentDetails, IncidentListItem } from '../../../shared/operations';
import { withClient } from '../client';
import { ciNames, findIncident, parseHours, slaText } from '../records';
import { formatTable, parseCommandArgs, printJson, requireOption } from '../support';
import { EXIT_OK, UsageError, type CliCommand } from '../types';

const usage = `Usage: faultline incident list --db FILE [--status S]... [--json]
       faultline incident show --db FILE NUMBER [--json]
       faultline incident create --db FILE --title T --ci CI... [--impact N] [--urgency N] [--description D] [--json]
       faultline incident causes --db FILE NUMBER [--lookback 72h] [--json]

  list     every incident, newest first: number, status, priority, opened, SLA, problem, title
  show     one incident (by number, e.g. INC0004): CIs, services, times, SLA, cause, problem
  create   a new incident on the CIs (ids or exact names); impact 1–3 (left out: suggested
           from the services they take down), urgency 1–3 (default 2); priority from the matrix
  causes   changes implemented within the lookback (default 72h) on what the incident's CIs
           stand on, nearest first, and open incidents probably of the same outage
  --db FILE   the .faultline document
  --status S  ${INCIDENT_STATUSES.join(' | ')} (repeatable)
  --json      print the answer as JSON`;

const SUBCOMMANDS = ['list', 'show', 'create', 'causes'] as const;

function level(text: string | undefined, flag: string): 1 | 2 | 3 | undefined {
  if (text === undefined) return undefined;
  if (!/^[123]$/.test(text)) throw new UsageError(`${flag} must be 1, 2 or 3`);
  return Number(text) as 1 | 2 | 3;
}

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? `give the ${what}` : `give one ${what}`);
  return positionals[0];
}

function listTable(items: readonly IncidentListItem[]): string {
  if (items.length === 0) return 'No incidents.\n';
  const rows = items.map(({ incident, sla, problem }) => [incident.number, incident.status, `P${incident.priority}`, incident.openedAt, sla.breached ? 'breached' : 'ok', problem?.number ?? '', incident.title]);
  return `${formatTable(['NUMBER', 'STATUS', 'PRIORITY', 'OPENED', 'SLA', 'PROBLEM', 'TITLE'], rows)}\n`;
}

async function detailsText(client: FaultlineApi, details: IncidentDetails): Promise<string> {
  const { incident } = details;
  const name = ciNames(client);
  const cis = await Promise.all(incident.affectedCiIds.map(name));
  const services = incident.affectedServices.map((s) => `${s.name} (${s.level})`);
  const override = incident.impact !== incident.suggestedImpact ? `, suggested ${incident.suggestedImpact}` : '';
  const fields: [string, string][] = [
    ['Number', incident.number],
    ['Title', incident.title],
    ['Status', incident.status],
    ['Priority', `P${incident.priority} (impact ${incident.impact}${override}, urgency ${incident.urgency})`],
    ['Affected CIs', cis.join(', ')],
    ['Services', services.length > 0 ? services.join(', ') : '(none)'],
    ['Opened', incident.openedAt],
    ['Responded', incident.respondedAt ?? '(not yet)'],
    ['Resolved', incident.resolvedAt ?? '(not yet)'],
    ['Closed', incident.closedAt ?? '(not yet)'],
    ['SLA', slaText(details.sla)],
    ['Caused by', details.causedBy ? `${details.causedBy.number} ${details.causedBy.title}` : '(none)'],
    ['Problem', details.problem?.number ?? '(none)'],
    ['Can move to', details.allowed.length > 0 ? details.allowed.join(', ') : '(closed)'],
  ];
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;
  const text = fields.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`).join('\n');
  return `${text}${incident.description ? `\n\n${incident.description}` : ''}\n`;
}

async function causesText(client: FaultlineApi, details: IncidentDetails, lookbackHours: number): Promise<string> {
  const name = ciNames(client);
  const parts: string[] = [`${details.incident.number} ${details.incident.title}`];
  if (details.probableCauses.length === 0) parts.push(`Probable causes: no change implemented in the ${lookbackHours} h before it opened on what its CIs stand on.`);
  else {
    const rows = await Promise.all(
      details.probableCauses.map(async (c) => [c.changeNumber, c.implementedAt, String(c.distance), (await Promise.all(c.path.map(name))).join(' → '), c.title]),
    );
    parts.push(`Probable causes (${rows.length})\n${formatTable(['CHANGE', 'IMPLEMENTED', 'HOPS', 'PATH', 'TITLE'], rows)}`);
  }
  if (details.causedBy) parts.push(`Recorded cause: ${details.causedBy.number} ${details.causedBy.title}`);
  if (details.sameOutage.length > 0) {
    const rows = await Promise.all(details.sameOutage.map(async (s) => [s.number, String(s.distance), (await Promise.all(s.path.map(name))).join(' → '), s.title]));
    parts.push(`Probably the same outage (${rows.length})\n${formatTable(['INCIDENT', 'HOPS', 'PATH', 'TITLE'], rows)}`);
  }
  return `${parts.join('\n\n')}\n`;
}

export const incidentCommand: CliCommand = {
  name: 'incident',
  summary: 'List, show and create incidents, and show their probable causes',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (!(SUBCOMMANDS as readonly string[]).includes(sub ?? '')) throw new UsageError(`give one of ${SUBCOMMANDS.join(', ')}`);
    const { values, positionals } = parseCommandArgs(
      rest,
      {
        db: { type: 'string' },
        json: { type: 'boolean' },
        status: { type: 'string', multiple: true },
        title: { type: 'string' },
        ci: { type: 'string', multiple: true },
        impact: { type: 'string' },
        urgency: { type: 'string' },
        description: { type: 'string' },
        lookback: { type: 'string' },
      },
      true,
    );
    const db = requireOption(values.db, '--db');
    const print = (value: unknown, text: string) => (values.json ? printJson(io, value) : io.stdout(text));
    if ((sub === 'list' || sub === 'create') && positionals.length > 0) throw new UsageError(`incident ${sub} takes no ${positionals[0]}`);
    if (sub === 'list') {
      const statuses = values.status ?? [];
      const bad = statuses.find((s) => !(INCIDENT_STATUSES as readonly string[]).includes(s));
      if (bad !== undefined) throw new UsageError(`--status must be one of ${INCIDENT_STATUSES.join(', ')}`);
      const items = await withClient(db, io, { readOnly: true }, (client) => client.call('incident.list', { statuses: statuses as IncidentStatus[] }));
      print(items, listTable(items));
      return EXIT_OK;
    }
    if (sub === 'create') {
      const title = requireOption(values.title, '--title');
      const refs = values.ci ?? [];
      if (refs.length === 0) throw new UsageError('--ci is required (repeat it for several CIs)');
      const impact = level(values.impact, '--impact');
      const urgency = level(values.urgency, '--urgency');
      await withClient(db, io, { readOnly: false }, async (client) => {
        const ids = await Promise.all(refs.map(async (ref) => (await client.call('ci.resolve', { ref })).id));
        const { value } = await client.call('incident.create', {
          incident: { title, affectedCiIds: [...new Set(ids)], ...(impact ? { impact } : {}), ...(urgency ? { urgency } : {}), ...(values.description ? { description: values.description } : {}) },
        });
        print(value, `Created ${value.incident.number} (P${value.incident.priority}): ${value.incident.title}\n${await detailsText(client, value)}`);
      });
      return EXIT_OK;
    }
    const ref = one(positionals, 'incident number');
    const lookbackHours = values.lookback !== undefined ? parseHours(values.lookback, '--lookback') : 72;
    await withClient(db, io, { readOnly: true }, async (client) => {
      const { incident } = await findIncident(client, ref);
      const details = await client.call('incident.get', { id: incident.id, lookbackHours });
      if (sub === 'show') print(details, await detailsText(client, details));
      else print({ incident: details.incident.number, probableCauses: details.probableCauses, causedBy: details.causedBy, sameOutage: details.sameOutage }, await causesText(client, details, lookbackHours));
    });
    return EXIT_OK;
  },
};
