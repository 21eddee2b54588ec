// Words for the incident and problem codes, as the Incidents screen shows them.
import type { IncidentStatus, ProblemStatus } from '../../shared/incidents';

export const INCIDENT_STATUS_LABELS: Readonly<Record<IncidentStatus, string>> = {
  new: 'New',
  in_progress: 'In progress',
  on_hold: 'On hold',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const PROBLEM_STATUS_LABELS: Readonly<Record<ProblemStatus, string>> = { open: 'Open', known_error: 'Known error', resolved: 'Resolved' };

/** What the button moving an incident to `to` says. */
export const INCIDENT_MOVE_LABELS: Readonly<Record<IncidentStatus, string>> = {
  new: 'Reopen as new',
  in_progress: 'Start work',
  on_hold: 'Put on hold',
  resolved: 'Resolve',
  closed: 'Close',
};

export const PROBLEM_MOVE_LABELS: Readonly<Record<ProblemStatus, string>> = { open: 'Reopen', known_error: 'Mark known error', resolved: 'Resolve' };

export const LEVEL_WORDS: Readonly<Record<number, string>> = { 1: '1 · High', 2: '2 · Medium', 3: '3 · Low' };
