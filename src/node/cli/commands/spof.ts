// faultline spof --db FILE --service ID_OR_NAME [--json]: every CI whose failure alone takes
// the service down, redundancy respected, with the path its failure takes.
import { withClient } from '../client';
import { formatTable, parseCommandArgs, printJson, requireOption } from '../support';
import { EXIT_OK, type CliCommand } from '../types';
import { formatPath, indent, namesOnPaths } from './impact';

const usage = `Usage: faultline spof --db FILE --service ID_OR_NAME [--json]

Lists the single points of failure of a service: every CI whose failure alone takes it down,
redundancy rules respected (a member of a cluster that can spare it is not one).
  --db FILE              the .faultline document
  --service ID_OR_NAME   the service (or any CI), by id or exact name
  --json                 print { "service": { "id", "name", "class" },
                           "singlePointsOfFailure": [{ "id", "name", "class", "path" }] }
                         where path lists CI ids from the failing CI to the service
Paths read in the direction failure travels ("->": every hop is a hard relationship).`;

export const spofCommand: CliCommand = {
  name: 'spof',
  summary: 'List the single points of failure of a service',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      db: { type: 'string' },
      service: { type: 'string' },
      json: { type: 'boolean' },
    });
    const db = requireOption(values.db, '--db');
    const ref = requireOption(values.service, '--service');
    const output = await withClient(db, io, { readOnly: true }, async (client) => {
      const service = await client.call('ci.resolve', { ref });
      const result = await client.call('impact.spof', { serviceId: service.id });
      if (values.json) {
        return {
          json: {
            service: { id: service.id, name: service.name, class: service.class },
            singlePointsOfFailure: result.singlePointsOfFailure.map((e) => ({ id: e.id, name: e.name, class: e.class, path: e.path })),
          },
        };
      }
      const count = result.singlePointsOfFailure.length;
      const head = `${service.name} (${service.id}): ${count} single point${count === 1 ? '' : 's'} of failure (computed in ${result.elapsedMs.toFixed(2)} ms)`;
      if (count === 0) return { text: `${head}\n` };
      const spofs = result.singlePointsOfFailure;
      const names = await namesOnPaths(client, spofs.map((e) => e.path), [service, ...spofs]);
      const rows = spofs.map((e) => [e.name, e.class, e.id, formatPath(names, e.path, e.steps)]);
      return { text: `${head}\n\n${indent(formatTable(['NAME', 'CLASS', 'ID', 'PATH'], rows))}\n` };
    });
    if ('json' in output) printJson(io, output.json);
    else io.stdout(output.text);
    return EXIT_OK;
  },
};
