// faultline list --db FILE [--class C] [--json]: the CIs of a document, by class then name.
import { CI_CLASSES, CiClassSchema, type Ci } from '../../../shared/model';
import { withClient } from '../client';
import { formatTable, parseCommandArgs, printJson, requireOption } from '../support';
import { EXIT_OK, UsageError, type CliCommand } from '../types';

const usage = `Usage: faultline list --db FILE [--class CLASS] [--json]

Lists the CIs of a Faultline document, sorted by class and name.
  --db FILE       the .faultline document
  --class CLASS   only CIs of this class (${CI_CLASSES.join(', ')})
  --json          print a JSON array of the CIs (every field)`;

/** As many CIs as ci.list gives in one page: the whole CMDB. */
const LIST_ALL = 10_000_000;

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'List the CIs of a document (optionally of one class)',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      db: { type: 'string' },
      class: { type: 'string' },
      json: { type: 'boolean' },
    });
    const db = requireOption(values.db, '--db');
    let ciClass: Ci['class'] | undefined;
    if (values.class !== undefined) {
      const parsed = CiClassSchema.safeParse(values.class);
      if (!parsed.success) throw new UsageError(`--class must be one of ${CI_CLASSES.join(', ')}; got "${values.class}"`);
      ciClass = parsed.data;
    }
    const { cis, total } = await withClient(db, io, { readOnly: true }, (client) => client.call('ci.list', { ...(ciClass ? { classes: [ciClass] } : {}), limit: LIST_ALL }));
    if (values.json) {
      printJson(io, cis);
      return EXIT_OK;
    }
    const rows = cis.map((ci) => [ci.id, ci.name, ci.class, ci.environment, String(ci.criticality), ci.status, ci.owner]);
    const table = formatTable(['ID', 'NAME', 'CLASS', 'ENVIRONMENT', 'CRIT', 'STATUS', 'OWNER'], rows);
    const count = ciClass ? `${cis.length} of ${total} CIs (class ${ciClass})` : `${cis.length} CIs`;
    io.stdout(`${cis.length > 0 ? `${table}\n\n` : ''}${count}\n`);
    return EXIT_OK;
  },
};
