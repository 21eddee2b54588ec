// An incident's life: new → in_progress ⇄ on_hold → resolved → closed; resolved may be reopened
// (back to in_progress); new may go straight to on_hold or resolved. Leaving `new` answers the
// response target; resolving stops the resolution clock. A problem: open → known_error →
// resolved (or open → resolved).
import type { Incident, IncidentStatus, Problem, ProblemStatus } from '../../shared/incidents';
import type { Cmdb, Transaction } from '../graph/cmdb';
import { CmdbError } from '../graph/errors';
import { INCIDENT_KIND_NAME } from './incident-kind';

const INCIDENT_MOVES: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  new: ['in_progress', 'on_hold', 'resolved'],
  in_progress: ['on_hold', 'resolved'],
  on_hold: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

const PROBLEM_MOVES: Readonly<Record<ProblemStatus, readonly ProblemStatus[]>> = {
  open: ['known_error', 'resolved'],
  known_error: ['resolved', 'open'],
  resolved: [],
};

export const PROBLEM_KIND_NAME = 'problem';

export function allowedIncidentMoves(incident: Pick<Incident, 'status'>): IncidentStatus[] {
  return [...INCIDENT_MOVES[incident.status]];
}

export function allowedProblemMoves(problem: Pick<Problem, 'status'>): ProblemStatus[] {
  return [...PROBLEM_MOVES[problem.status]];
}

function refusal(number: string, from: string, to: string, allowed: readonly string[]): CmdbError {
  const list = allowed.length === 0 ? 'it is closed: no move is allowed' : `from ${from} it can go to ${allowed.join(' or ')}`;
  return new CmdbError('conflict', `to: ${number} cannot go to ${to}: ${list}`, 'to');
}

export function requireIncident(cmdb: Cmdb, id: string): Incident {
  const incident = cmdb.records.get(INCIDENT_KIND_NAME, id) as Incident | undefined;
  if (!incident) throw new CmdbError('not_found', `id: no incident with id ${id}`, 'id');
  return incident;
}

export function requireProblem(cmdb: Cmdb, id: string): Problem {
  const problem = cmdb.records.get(PROBLEM_KIND_NAME, id) as Problem | undefined;
  if (!problem) throw new CmdbError('not_found', `id: no problem with id ${id}`, 'id');
  return problem;
}

export function transitionIncident(cmdb: Cmdb, id: string, to: IncidentStatus): { incident: Incident; tx: Transaction } {
  const before = requireIncident(cmdb, id);
  const allowed = allowedIncidentMoves(before);
  if (!allowed.includes(to)) throw refusal(before.number, before.status, to, allowed);
  const { now } = cmdb.context();
  const next: Incident = {
    ...before,
    status: to,
    respondedAt: before.respondedAt ?? (before.status === 'new' ? now : null),
    resolvedAt: to === 'resolved' ? now : to === 'in_progress' ? null : before.resolvedAt,
    closedAt: to === 'closed' ? now : null,
    updatedAt: now,
  };
  const { record, tx } = cmdb.replaceRecord(INCIDENT_KIND_NAME, id, next, () => `${before.number}: ${before.status} → ${to}`);
  return { incident: record as Incident, tx };
}

export function transitionProblem(cmdb: Cmdb, id: string, to: ProblemStatus): { problem: Problem; tx: Transaction } {
  const before = requireProblem(cmdb, id);
  const allowed = allowedProblemMoves(before);
  if (!allowed.includes(to)) throw refusal(before.number, before.status, to, allowed);
  if (to === 'known_error' && before.knownError.trim() === '') throw new CmdbError('invalid_input', 'knownError: describe the known error first', 'knownError');
  const { now } = cmdb.context();
  const next: Problem = { ...before, status: to, resolvedAt: to === 'resolved' ? now : null, updatedAt: now };
  const { record, tx } = cmdb.replaceRecord(PROBLEM_KIND_NAME, id, next, () => `${before.number}: ${before.status} → ${to}`);
  return { problem: record as Problem, tx };
}
