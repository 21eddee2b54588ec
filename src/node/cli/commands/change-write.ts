// faultline change create | transition: a new change request, and a move along its life cycle.
import { CHANGE_STATES, CHANGE_TYPES, type ChangeInput, type ChangeState, type ChangeTarget, type ChangeTransition } from '../../../shared/changes';
import type { ChangeDetails, FaultlineApi } from '../../../shared/operations';
import { withClient } from '../client';
import { parseCommandArgs, printJson, requireOption } from '../support';
import { EXIT_OK, UsageError, type CliIo } from '../types';
import { plainRefusal, resolveChange, windowLabel } from './change-support';

const REVIEW_OUTCOMES = ['successful', 'failed', 'rolled_back'] as const;

/** "orders-db:degraded" → the CI named (or with id) orders-db, degraded; no suffix means down. */
async function target(client: FaultlineApi, spec: string): Promise<ChangeTarget> {
  const match = /^(.*):(down|degraded)$/.exec(spec);
  const ref = match ? match[1] : spec;
  const ci = await client.call('ci.resolve', { ref });
  return { ciId: ci.id, mode: match ? (match[2] as ChangeTarget['mode']) : 'down' };
}

function isoOption(value: string, flag: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`${flag} must be a date and time (ISO 8601, e.g. 2026-12-13T01:00:00Z); got "${value}"`);
  return new Date(ms).toISOString();
}

function printDetails(io: CliIo, details: ChangeDetails, json: boolean | undefined, verb: string): void {
  if (json) printJson(io, details);
  else {
    const { change, risk, conflicts, allowed } = details;
    io.stdout(
      `${verb} ${change.number} "${change.title}": ${change.state}, risk ${risk.band} (${risk.score}), ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}\n` +
        `  window ${windowLabel(change.window)}; next: ${allowed.length > 0 ? allowed.join(', ') : '(closed)'}\n`,
    );
  }
}

export async function changeCreate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    db: { type: 'string' },
    title: { type: 'string' },
    target: { type: 'string', multiple: true },
    type: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    implementer: { type: 'string' },
    description: { type: 'string' },
    rollback: { type: 'string' },
    json: { type: 'boolean' },
  });
  const db = requireOption(values.db, '--db');
  const title = requireOption(values.title, '--title');
  if (values.type !== undefined && !(CHANGE_TYPES as readonly string[]).includes(values.type)) throw new UsageError(`--type must be one of ${CHANGE_TYPES.join(', ')}`);
  if ((values.start === undefined) !== (values.end === undefined)) throw new UsageError('give both --start and --end, or neither');
  const window = values.start !== undefined && values.end !== undefined ? { start: isoOption(values.start, '--start'), end: isoOption(values.end, '--end') } : null;
  const details = await withClient(db, io, { readOnly: false }, async (client) => {
    const targets: ChangeTarget[] = [];
    for (const spec of values.target ?? []) targets.push(await target(client, spec));
    const change: ChangeInput = {
      title,
      targets,
      window,
      ...(values.type !== undefined ? { type: values.type as ChangeInput['type'] } : {}),
      ...(values.implementer !== undefined ? { implementer: values.implementer } : {}),
      ...(values.description !== undefined ? { description: values.description } : {}),
      ...(values.rollback !== undefined ? { rollbackPlan: values.rollback } : {}),
    };
    return (await client.call('change.create', { change }).catch(plainRefusal)).value;
  });
  printDetails(io, details, values.json, 'Created');
  return EXIT_OK;
}

export async function changeTransition(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { db: { type: 'string' }, to: { type: 'string' }, comment: { type: 'string' }, outcome: { type: 'string' }, notes: { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  const db = requireOption(values.db, '--db');
  if (positionals.length !== 1) throw new UsageError('give one change number (CHG0003) or id');
  const to = requireOption(values.to, '--to');
  if (!(CHANGE_STATES as readonly string[]).includes(to)) throw new UsageError(`--to must be one of ${CHANGE_STATES.join(', ')}`);
  if (values.outcome !== undefined && !(REVIEW_OUTCOMES as readonly string[]).includes(values.outcome)) throw new UsageError(`--outcome must be one of ${REVIEW_OUTCOMES.join(', ')}`);
  const move: ChangeTransition = {
    to: to as ChangeState,
    ...(values.comment !== undefined ? { comment: values.comment } : {}),
    ...(values.outcome !== undefined ? { review: { outcome: values.outcome as (typeof REVIEW_OUTCOMES)[number], notes: values.notes ?? '' } } : {}),
  };
  const details = await withClient(db, io, { readOnly: false }, async (client) => {
    const { change } = await resolveChange(client, positionals[0]);
    return (await client.call('change.transition', { id: change.id, ...move }).catch(plainRefusal)).value;
  });
  printDetails(io, details, values.json, 'Moved');
  return EXIT_OK;
}
