// faultline spof --db FILE --service ID_OR_NAME [--json]: every CI whose failure alone takes
// the service down, redundancy respected, with the path its failure takes.
import { singlePointsOfFailure } from '../../../core/impact';
import { findCi, formatTable, parseCommandArgs, printJson, requireOption, readDocument } from '../support';
import { EXIT_OK, type CliCommand } from '../types';
import { formatPath, indent } from './impact';

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
    const output = await readDocument(db, io, (doc) => {
      const graph = doc.cmdb.graph;
      const service = findCi(graph, ref);
      const result = singlePointsOfFailure(graph, service.id);
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
      const rows = result.singlePointsOfFailure.map((e) => [e.name, e.class, e.id, formatPath(graph, e.path, e.steps)]);
      return { text: `${head}\n\n${indent(formatTable(['NAME', 'CLASS', 'ID', 'PATH'], rows))}\n` };
    });
    if ('json' in output) printJson(io, output.json);
    else io.stdout(output.text);
    return EXIT_OK;
  },
};
