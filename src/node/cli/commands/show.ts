// faultline show --db FILE ID_OR_NAME [--json]: one CI, its fields and its relationships.
import type { CiDetails, RelationshipWithPeer } from '../../../shared/operations';
import { withClient } from '../client';
import { CRITICALITY_LABELS, formatTable, parseCommandArgs, printJson, requireOption } from '../support';
import { EXIT_OK, UsageError, type CliCommand } from '../types';

const usage = `Usage: faultline show --db FILE ID_OR_NAME [--json]

Shows one CI (found by id, or by its exact name) with its attributes and relationships.
  --db FILE   the .faultline document
  --json      print { ci, outgoing, incoming } as JSON`;

function relationshipTable(entries: readonly RelationshipWithPeer[], arrow: string): string {
  const sorted = [...entries].sort(
    (a, b) => a.relationship.type.localeCompare(b.relationship.type) || a.peer.name.localeCompare(b.peer.name),
  );
  const rows = sorted.map(({ relationship, peer }) => [
    `${arrow} ${relationship.type}`,
    relationship.strength,
    peer.name,
    peer.class,
    peer.id,
  ]);
  return formatTable(['TYPE', 'STRENGTH', 'CI', 'CLASS', 'ID'], rows)
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

export function formatCiDetails(details: CiDetails): string {
  const { ci } = details;
  const fields: [string, string][] = [
    ['Name', ci.name],
    ['ID', ci.id],
    ['Class', ci.class],
    ['Environment', ci.environment || '(none)'],
    ['Criticality', `${ci.criticality} (${CRITICALITY_LABELS[ci.criticality] ?? 'unknown'})`],
    ['Owner', ci.owner || '(none)'],
    ['Status', ci.status],
    ['Tags', ci.tags.length > 0 ? ci.tags.join(', ') : '(none)'],
  ];
  if (ci.redundancy) fields.push(['Redundancy', `stays up while at least ${ci.redundancy.minHealthy} members are up`]);
  const external = Object.entries(ci.externalIds);
  if (external.length > 0) fields.push(['External ids', external.map(([system, id]) => `${system}=${id}`).join(', ')]);
  fields.push(['Created', ci.createdAt], ['Updated', ci.updatedAt]);
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;
  const parts = [fields.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`.trimEnd()).join('\n')];

  const attributes = Object.entries(ci.attributes).sort(([a], [b]) => a.localeCompare(b));
  if (attributes.length > 0) {
    const table = formatTable(['KEY', 'VALUE'], attributes).split('\n').map((line) => `  ${line}`).join('\n');
    parts.push(`Attributes (${attributes.length})\n${table}`);
  }
  parts.push(
    details.outgoing.length > 0
      ? `Outgoing relationships (${details.outgoing.length})\n${relationshipTable(details.outgoing, '→')}`
      : 'Outgoing relationships: none',
  );
  parts.push(
    details.incoming.length > 0
      ? `Incoming relationships (${details.incoming.length})\n${relationshipTable(details.incoming, '←')}`
      : 'Incoming relationships: none',
  );
  return `${parts.join('\n\n')}\n`;
}

export const showCommand: CliCommand = {
  name: 'show',
  summary: 'Show one CI with its attributes and relationships',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { db: { type: 'string' }, json: { type: 'boolean' } }, true);
    const db = requireOption(values.db, '--db');
    if (positionals.length !== 1) {
      throw new UsageError(positionals.length === 0 ? 'give the id or name of a CI' : `give one CI, not ${positionals.length} (quote a name with spaces)`);
    }
    const details = await withClient(db, io, { readOnly: true }, async (client) => client.call('ci.get', { id: (await client.call('ci.resolve', { ref: positionals[0] })).id }));
    if (values.json) printJson(io, details);
    else io.stdout(formatCiDetails(details));
    return EXIT_OK;
  },
};
