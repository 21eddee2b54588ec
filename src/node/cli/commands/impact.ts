// faultline impact --db FILE --ci ID_OR_NAME [--ci …] [--mode down|degraded] [--max-depth N] [--json]:
// simulates a change with the impact engine and prints what it impacts, how badly and why.
// Nothing is written. Also holds the path and option helpers that deps and spof share.
import {
  explanationPath,
  impactedList,
  impactIndex,
  type BlastRadiusResult,
  type Explanation,
  type ImpactIndex,
  type PathStep,
} from '../../../shared/impact-types';
import type { FaultlineApi } from '../../../shared/operations';
import { withClient } from '../client';
import { formatTable, parseCommandArgs, printJson, requireOption } from '../support';
import { EXIT_OK, UsageError, type CliCommand } from '../types';

const usage = `Usage: faultline impact --db FILE --ci ID_OR_NAME [--ci ID_OR_NAME ...] [--mode down|degraded] [--max-depth N] [--json]

Simulates a change: the given CIs go down (or become degraded) and every CI and service it
impacts is listed with its level (down, degraded, at_risk) and the path that explains it.
Nothing is written to the document.
  --db FILE         the .faultline document
  --ci ID_OR_NAME   a changed CI, by id or exact name; repeat it for a change set
  --mode MODE       down (default) or degraded, for every --ci
  --max-depth N     look no further than N hops from the changed CIs (1-1000)
  --json            print { "targets": [{ "id", "name", "class", "mode" }],
                      "impacted": [{ "id", "name", "class", "level", "depth", "path" }],
                      "services": [{ "id", "name", "class", "criticality", "level", "depth", "path" }] }
                    where path lists CI ids from a changed CI to the impacted one
Paths read in the direction failure travels: "->" over a hard relationship, "~>" over a soft one.`;

/** Parses --max-depth (an integer 1–1000, as the impact operations accept). */
export function parseMaxDepth(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 1 || n > 1000) {
    throw new UsageError(`--max-depth must be a whole number from 1 to 1000; got "${value}"`);
  }
  return n;
}

/** CI names by id. */
export type Names = ReadonlyMap<string, string>;

/**
 * The names of every CI on `paths`: from `known` (what a result already names), the rest
 * asked of the document one by one.
 */
export async function namesOnPaths(client: FaultlineApi, paths: Iterable<readonly string[]>, known: Iterable<{ id: string; name: string }>): Promise<Names> {
  const names = new Map<string, string>();
  for (const { id, name } of known) names.set(id, name);
  for (const path of paths) {
    for (const id of path) if (!names.has(id)) names.set(id, (await client.call('ci.resolve', { ref: id })).name);
  }
  return names;
}

/** "orders-db -> Web Shop ~> Checkout": CI names along a path, with the strength of each hop. */
export function formatPath(names: Names, path: readonly string[], steps: readonly PathStep[]): string {
  const name = (id: string) => names.get(id) ?? id;
  let text = name(path[0]);
  steps.forEach((step, i) => {
    text += ` ${step.strength === 'soft' ? '~>' : '->'} ${name(path[i + 1])}`;
  });
  return text;
}

/**
 * The explanation of an entry of a result, rebuilt from its `via` pointers (the engine gives
 * whole paths to services only; the CLI prints one for every line).
 */
export function explain(index: ImpactIndex, id: string): Explanation {
  const explained = explanationPath(index, id);
  if (!explained) throw new Error(`${id} is not in the result`);
  return explained;
}

function compactEntry(c: { id: string; name: string; class: string; level: string; depth: number }, path: string[]) {
  return { id: c.id, name: c.name, class: c.class, level: c.level, depth: c.depth, path };
}

export const impactCommand: CliCommand = {
  name: 'impact',
  summary: 'Simulate a change: the CIs and services it impacts, with levels and paths',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      db: { type: 'string' },
      ci: { type: 'string', multiple: true },
      mode: { type: 'string' },
      'max-depth': { type: 'string' },
      json: { type: 'boolean' },
    });
    const db = requireOption(values.db, '--db');
    const refs = values.ci ?? [];
    if (refs.length === 0) throw new UsageError('--ci is required (repeat it for several CIs)');
    const mode = values.mode ?? 'down';
    if (mode !== 'down' && mode !== 'degraded') throw new UsageError(`--mode must be down or degraded; got "${mode}"`);
    const targetMode: 'down' | 'degraded' = mode === 'degraded' ? 'degraded' : 'down';
    const maxDepth = parseMaxDepth(values['max-depth']);

    const output = await withClient(db, io, { readOnly: true }, async (client) => {
      const refsResolved = [];
      for (const ref of refs) refsResolved.push(await client.call('ci.resolve', { ref }));
      const targets = refsResolved.map((ci) => ({ ciId: ci.id, mode: targetMode }));
      const result = await client.call('impact.blastRadius', { targets, ...(maxDepth === undefined ? {} : { maxDepth }) });
      const classOf = new Map(refsResolved.map((ci) => [ci.id, ci.class]));
      if (values.json) {
        const index = impactIndex(result);
        return {
          json: {
            targets: result.targets.map((t) => ({ id: t.ciId, name: t.name, class: classOf.get(t.ciId), mode: t.mode })),
            impacted: impactedList(result.impacted).map((c) => compactEntry(c, explain(index, c.id).path)),
            services: result.services.map((c) => ({ ...compactEntry(c, c.path), criticality: c.criticality })),
          },
        };
      }
      const known = [...result.targets.map((t) => ({ id: t.ciId, name: t.name })), ...impactedList(result.impacted)];
      return { text: formatImpact(new Map(known.map((c) => [c.id, c.name])), result) };
    });
    if ('json' in output) printJson(io, output.json);
    else io.stdout(output.text);
    return EXIT_OK;
  },
};

/** Every CI on an impact path is a target or impacted, so the result names them all. */
function formatImpact(names: Names, result: BlastRadiusResult): string {
  const parts: string[] = [];
  const impacted = impactedList(result.impacted);
  const changed = result.targets.map((t) => `${t.name} (${t.ciId}) ${t.mode}`).join(', ');
  const { byLevel, byClass } = result.totals;
  parts.push(
    `Change: ${changed}\n` +
      `Impact: ${impacted.length} CIs: ${byLevel.down} down, ${byLevel.degraded} degraded, ${byLevel.at_risk} at_risk` +
      ` (computed in ${result.elapsedMs.toFixed(2)} ms)`,
  );
  if (impacted.length === 0) return `${parts[0]}\n`;
  const classes = Object.entries(byClass)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cls, count]) => `${cls} ${count}`)
    .join(', ');
  parts[0] += `\nBy class: ${classes}`;
  const index = impactIndex(result);
  if (result.services.length > 0) {
    const rows = result.services.map((c) => {
      const { path, steps } = explain(index, c.id);
      return [c.level, String(c.criticality), c.name, c.class, c.id, formatPath(names, path, steps)];
    });
    parts.push(`Services (${result.services.length}), most critical first\n${indent(formatTable(['LEVEL', 'CRIT', 'NAME', 'CLASS', 'ID', 'PATH'], rows))}`);
  } else {
    parts.push('Services: none impacted');
  }
  const rows = impacted.map((c) => {
    const { path, steps } = explain(index, c.id);
    return [c.level, String(c.depth), c.name, c.class, c.id, c.redundancy?.text ?? '', formatPath(names, path, steps)];
  });
  parts.push(`Impacted CIs (${impacted.length})\n${indent(formatTable(['LEVEL', 'DEPTH', 'NAME', 'CLASS', 'ID', 'REDUNDANCY', 'PATH'], rows))}`);
  return `${parts.join('\n\n')}\n`;
}

export function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
