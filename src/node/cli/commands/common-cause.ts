// faultline common-cause --db FILE [NUMBER...] [--since 6h] [--json]: the CIs whose failure would
// explain the most of the open incidents opened in the last `--since` (or of the incidents
// named), ranked, with the path from the top one to each incident it explains.
import type { CommonCauseResult } from '../../../shared/incidents';
import { withClient } from '../client';
import { ciNames, findIncident, parseHours } from '../records';
import { formatTable, parseCommandArgs, printJson, requireOption } from '../support';
import { EXIT_OK, type CliCommand } from '../types';

const usage = `Usage: faultline common-cause --db FILE [NUMBER...] [--since 6h] [--json]

Names the CIs whose failure would explain the most incidents (then the fewest other services
taken down): the incidents named (INC0004 INC0005 …), else those open and opened within --since.
  --db FILE     the .faultline document
  --since D     how far back to look for open incidents: 30m, 6h (default), 2d
  --json        print { incidentIds, candidates, summary } as JSON`;

export const commonCauseCommand: CliCommand = {
  name: 'common-cause',
  summary: 'Find the CI that would explain several incidents at once',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { db: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' } }, true);
    const db = requireOption(values.db, '--db');
    const sinceHours = values.since !== undefined ? parseHours(values.since, '--since') : 6;
    await withClient(db, io, { readOnly: true }, async (client) => {
      const incidentIds = await Promise.all(positionals.map(async (ref) => (await findIncident(client, ref)).incident.id));
      const result: CommonCauseResult = await client.call('incident.commonCause', incidentIds.length > 0 ? { incidentIds } : { sinceHours });
      if (values.json) {
        printJson(io, result);
        return;
      }
      const numbers = new Map((await client.call('incident.list', {})).map((item) => [item.incident.id, item.incident.number]));
      const number = (id: string) => numbers.get(id) ?? id;
      const lines = [`${result.summary}${incidentIds.length === 0 ? ` (open, opened in the last ${values.since ?? '6h'})` : ''}.`];
      if (!result.complete) lines.push(`Ranked from the ${result.checked} most promising CIs: the search stopped there, and a CI not checked could still rank higher.`);
      if (result.candidates.length > 0) {
        const rows = result.candidates.map((c, i) => [String(i + 1), c.name, `${c.explains.length} of ${result.incidentIds.length}`, c.atRiskOtherServices > 0 ? `${c.otherServices} (${c.atRiskOtherServices} at risk)` : String(c.otherServices), c.leftOver.map(number).join(', ')]);
        lines.push('', formatTable(['RANK', 'CI', 'EXPLAINS', 'OTHER SERVICES', 'LEFT OVER'], rows));
        const top = result.candidates[0];
        const name = ciNames(client);
        lines.push('', `How ${top.name} explains them:`);
        for (const p of top.paths) lines.push(`  ${number(p.incidentId)}: ${(await Promise.all(p.path.map(name))).join(' → ')}`);
      }
      io.stdout(`${lines.join('\n')}\n`);
    });
    return EXIT_OK;
  },
};
