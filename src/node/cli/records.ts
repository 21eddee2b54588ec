// What the incident and problem commands share: finding a record by its number (or id), CI
// names for ids, durations such as 6h, and the SLA in a few words.
import type { IncidentSla, SlaClock } from '../../shared/incidents';
import type { FaultlineApi, IncidentListItem } from '../../shared/operations';
import type { Problem } from '../../shared/incidents';
import { CliError, UsageError } from './types';

/** The incident with this number (INC0004, case-insensitive) or id; a CliError naming it otherwise. */
export async function findIncident(client: FaultlineApi, ref: string): Promise<IncidentListItem> {
  const wanted = ref.trim().toUpperCase();
  const hit = (await client.call('incident.list', {})).find((item) => item.incident.number === wanted || item.incident.id === ref);
  if (!hit) throw new CliError(`no incident ${ref}`);
  return hit;
}

export async function findProblem(client: FaultlineApi, ref: string): Promise<Problem> {
  const wanted = ref.trim().toUpperCase();
  const hit = (await client.call('problem.list', {})).find((p) => p.number === wanted || p.id === ref);
  if (!hit) throw new CliError(`no problem ${ref}`);
  return hit;
}

/** CI names by id, each looked up once (a CI deleted since shows as its id). */
export function ciNames(client: FaultlineApi): (id: string) => Promise<string> {
  const known = new Map<string, Promise<string>>();
  return (id) => {
    let name = known.get(id);
    if (!name) {
      name = client.call('ci.get', { id }).then(
        (details) => details.ci.name,
        () => id,
      );
      known.set(id, name);
    }
    return name;
  };
}

/** "30m", "6h", "2d" (or a bare number of hours) as hours. */
export function parseHours(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)([mhd]?)$/.exec(text.trim());
  if (!m) throw new UsageError(`${flag} must be a duration such as 30m, 6h or 2d`);
  const value = Number(m[1]);
  const hours = m[2] === 'm' ? value / 60 : m[2] === 'd' ? value * 24 : value;
  if (hours <= 0) throw new UsageError(`${flag} must be more than 0`);
  return hours;
}

function clockText(clock: SlaClock): string {
  if (clock.state === 'met') return 'met';
  const minutes = Math.round(Math.abs(clock.leftMs ?? 0) / 60_000);
  const amount = minutes >= 2880 ? `${Math.round(minutes / 1440)}d` : minutes >= 120 ? `${Math.round(minutes / 60)}h` : `${minutes}m`;
  return clock.state === 'breached' ? (clock.leftMs === null ? 'breached' : `breached ${amount} ago`) : `${amount} left`;
}

/** "response met, resolution breached 2d ago". */
export function slaText(sla: IncidentSla): string {
  return `response ${clockText(sla.response)}, resolution ${clockText(sla.resolution)}`;
}
