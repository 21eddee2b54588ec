// faultline deps --db FILE --ci ID_OR_NAME [--max-depth N] [--json]: everything a CI needs in
// order to work (the upstream view of the impact engine), nearest first, with paths.
import { withClient } from '../client';
import { formatTable, parseCommandArgs, printJson, requireOption } from '../support';
import { EXIT_OK, type CliCommand } from '../types';
import { impactIndex } from '../../../shared/impact-types';
import { explain, formatPath, indent, parseMaxDepth } from './impact';

const usage = `Usage: faultline deps --db FILE --ci ID_OR_NAME [--max-depth N] [--json]

Lists everything a CI needs in order to work: every CI whose failure can reach it, over
relationships of either strength, nearest first, with the path that links them.
  --db FILE         the .faultline document
  --ci ID_OR_NAME   the CI, by id or exact name
  --max-depth N     look no further than N hops (1-1000)
  --json            print { "ci": { "id", "name", "class" },
                      "dependencies": [{ "id", "name", "class", "depth", "path" }] }
                    where path lists CI ids from the CI to the dependency
Paths read from the CI to what it needs: "->" over a hard relationship, "~>" over a soft one.`;

export const depsCommand: CliCommand = {
  name: 'deps',
  summary: 'List everything a CI needs in order to work (upstream dependencies)',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      db: { type: 'string' },
      ci: { type: 'string' },
      'max-depth': { type: 'string' },
      json: { type: 'boolean' },
    });
    const db = requireOption(values.db, '--db');
    const ref = requireOption(values.ci, '--ci');
    const maxDepth = parseMaxDepth(values['max-depth']);
    const output = await withClient(db, io, { readOnly: true }, async (client) => {
      const ci = await client.call('ci.resolve', { ref });
      const result = await client.call('impact.dependencies', { ciId: ci.id, ...(maxDepth === undefined ? {} : { maxDepth }) });
      const index = impactIndex(result);
      if (values.json) {
        return {
          json: {
            ci: { id: ci.id, name: ci.name, class: ci.class },
            dependencies: result.dependencies.map((d) => ({ id: d.id, name: d.name, class: d.class, depth: d.depth, path: explain(index, d.id).path })),
          },
        };
      }
      const head = `${ci.name} (${ci.id}) needs ${result.dependencies.length} CIs (computed in ${result.elapsedMs.toFixed(2)} ms)`;
      if (result.dependencies.length === 0) return { text: `${head}\n` };
      // Every CI on a dependency path is the CI or one of its dependencies: the result names them all.
      const names = new Map([[ci.id, ci.name], ...result.dependencies.map((d): [string, string] => [d.id, d.name])]);
      const rows = result.dependencies.map((d) => {
        const { path, steps } = explain(index, d.id);
        return [String(d.depth), d.name, d.class, d.id, formatPath(names, path, steps)];
      });
      return { text: `${head}\n\n${indent(formatTable(['DEPTH', 'NAME', 'CLASS', 'ID', 'PATH'], rows))}\n` };
    });
    if ('json' in output) printJson(io, output.json);
    else io.stdout(output.text);
    return EXIT_OK;
  },
};
