// The incidents and the problem the bundled sample carries, so that a newcomer sees incident
// management at first start: made with the core's own functions (createRecord,
// transitionIncident, transitionProblem) on a scripted clock and actors, after the changes
// (sample-changes.ts), so numbers, affected services, priorities and timestamps are what the app
// itself would have written.
//
// The story, seen from Tuesday 1 December 2026 09:00 UTC (SAMPLE_TODAY):
// - INC0001 Catalog read-only — closed. Opened during CHG0001 (the failed catalog-db volume
//   growth) on 22 November, caused by it, resolved when the volume was restored.
// - INC0002 Card payments time out at the evening peak — closed (26 November).
// - INC0003 Card payments time out again — resolved (30 November). PRB0001 links INC0002 and
//   INC0003: the payment gateway's connection pool to Adyen runs dry at the evening peak (a
//   known error, with its workaround).
// - INC0004 Order confirmation e-mails not sent (new), INC0005 New products missing from search
//   (in progress), INC0006 Warehouse picks not arriving (on hold): opened within the hour this
//   morning on three consumers of the Kafka cluster events-prod, which common cause names.
import type { IncidentInput, IncidentStatus, ProblemInput, ProblemStatus } from '../../src/shared/incidents';
import type { CmdbDocument } from '../../src/shared/model';
import type { CmdbEnvironment } from '../../src/core/graph/cmdb';
import { cmdbFromDocument, documentFromCmdb } from '../../src/core/graph/load';
import { INCIDENT_KIND_NAME, PROBLEM_KIND_NAME, transitionIncident, transitionProblem } from '../../src/core/incidents';
import { SAMPLE_CHANGES, SAMPLE_TODAY } from './sample-changes';

const SERVICE_DESK = 'Ana Ribeiro (service desk)';
const PROBLEM_MANAGER = 'Kofi Mensah (problem manager)';

/** The ids, numbers and statuses of the sample incidents, for the tests and the README. */
export const SAMPLE_INCIDENTS = {
  catalogReadOnly: { id: 'inc-catalog-read-only', number: 'INC0001', status: 'closed' },
  paymentsPeak: { id: 'inc-payments-peak-1', number: 'INC0002', status: 'closed' },
  paymentsAgain: { id: 'inc-payments-peak-2', number: 'INC0003', status: 'resolved' },
  emails: { id: 'inc-order-emails', number: 'INC0004', status: 'new' },
  searchStale: { id: 'inc-search-stale', number: 'INC0005', status: 'in_progress' },
  picks: { id: 'inc-warehouse-picks', number: 'INC0006', status: 'on_hold' },
} as const;

export const SAMPLE_PROBLEMS = {
  paymentsPool: { id: 'prb-payments-pool', number: 'PRB0001', status: 'known_error' },
} as const;

/** The CI common cause should name for this morning's open incidents. */
export const SAMPLE_COMMON_CAUSE = 'mq-kafka-cluster';

const I = SAMPLE_INCIDENTS;

type Step =
  | { at: string; actor: string; incident: IncidentInput & { id: string } }
  | { at: string; actor: string; id: string; move: IncidentStatus }
  | { at: string; actor: string; problem: ProblemInput & { id: string } }
  | { at: string; actor: string; id: string; problemMove: ProblemStatus };

const STEPS: Step[] = [
  // INC0001: during CHG0001's window, caused by it.
  {
    at: '2026-11-22T01:08:00.000Z',
    actor: SERVICE_DESK,
    incident: {
      id: I.catalogReadOnly.id,
      title: 'Catalog read-only: price and stock updates fail',
      description: 'Catalog API answers 503 on every write since about 01:00; product pages still load from cache.',
      affectedCiIds: ['app-catalog-api'],
      urgency: 1,
      openedAt: '2026-11-22T01:02:00.000Z',
      causedByChangeId: SAMPLE_CHANGES.catalogVolume.id,
    },
  },
  { at: '2026-11-22T01:10:00.000Z', actor: 'Dana Whitfield', id: I.catalogReadOnly.id, move: 'in_progress' },
  { at: '2026-11-22T01:31:00.000Z', actor: 'Dana Whitfield', id: I.catalogReadOnly.id, move: 'resolved' },
  { at: '2026-11-24T09:40:00.000Z', actor: SERVICE_DESK, id: I.catalogReadOnly.id, move: 'closed' },

  // INC0002 and INC0003: the evening payment timeouts, twice.
  {
    at: '2026-11-26T19:12:00.000Z',
    actor: SERVICE_DESK,
    incident: {
      id: I.paymentsPeak.id,
      title: 'Card payments time out at checkout',
      description: 'About 8 % of card payments fail with a gateway timeout between 19:00 and 20:00.',
      affectedCiIds: ['app-payment-gateway'],
      urgency: 1,
      openedAt: '2026-11-26T19:05:00.000Z',
    },
  },
  { at: '2026-11-26T19:20:00.000Z', actor: 'Ines Duarte', id: I.paymentsPeak.id, move: 'in_progress' },
  { at: '2026-11-26T20:15:00.000Z', actor: 'Ines Duarte', id: I.paymentsPeak.id, move: 'resolved' },
  { at: '2026-11-28T10:00:00.000Z', actor: SERVICE_DESK, id: I.paymentsPeak.id, move: 'closed' },
  {
    at: '2026-11-30T18:41:00.000Z',
    actor: SERVICE_DESK,
    incident: {
      id: I.paymentsAgain.id,
      title: 'Card payments time out again at the evening peak',
      description: 'Same symptom as INC0002: gateway timeouts on card payments from 18:30.',
      affectedCiIds: ['app-payment-gateway'],
      urgency: 1,
      openedAt: '2026-11-30T18:34:00.000Z',
    },
  },
  { at: '2026-11-30T18:45:00.000Z', actor: 'Ines Duarte', id: I.paymentsAgain.id, move: 'in_progress' },
  { at: '2026-11-30T19:30:00.000Z', actor: 'Ines Duarte', id: I.paymentsAgain.id, move: 'resolved' },
  {
    at: '2026-12-01T08:00:00.000Z',
    actor: PROBLEM_MANAGER,
    problem: {
      id: 'prb-payments-pool',
      title: 'Payment gateway runs out of Adyen connections at the evening peak',
      description: 'INC0002 and INC0003: the same timeouts at the same hour, each gone once traffic fell.',
      incidentIds: [I.paymentsPeak.id, I.paymentsAgain.id],
      rootCauseCiId: 'app-payment-gateway',
      knownError: 'The gateway keeps at most 50 HTTP connections per pod to Adyen; at about 40 payments a second the pool is exhausted and requests wait until they time out.',
      workaround: 'Scale the payment-gateway deployment to 8 pods before 18:00 and back to 4 after 21:00.',
    },
  },
  { at: '2026-12-01T08:05:00.000Z', actor: PROBLEM_MANAGER, id: 'prb-payments-pool', problemMove: 'known_error' },

  // This morning: three consumers of the Kafka cluster events-prod, within the hour.
  {
    at: '2026-12-01T08:14:00.000Z',
    actor: SERVICE_DESK,
    incident: {
      id: I.emails.id,
      title: 'Order confirmation e-mails not sent',
      description: 'Customers report no confirmation e-mail for orders placed since about 08:00.',
      affectedCiIds: ['app-notification-service'],
      urgency: 2,
      openedAt: '2026-12-01T08:12:00.000Z',
    },
  },
  {
    at: '2026-12-01T08:23:00.000Z',
    actor: SERVICE_DESK,
    incident: {
      id: I.searchStale.id,
      title: 'New products missing from search results',
      description: 'Products published this morning do not appear in search; the indexer lag keeps growing.',
      affectedCiIds: ['app-search-indexer'],
      urgency: 2,
      openedAt: '2026-12-01T08:21:00.000Z',
    },
  },
  { at: '2026-12-01T08:30:00.000Z', actor: 'Mei Tanaka', id: I.searchStale.id, move: 'in_progress' },
  {
    at: '2026-12-01T08:44:00.000Z',
    actor: SERVICE_DESK,
    incident: {
      id: I.picks.id,
      title: 'Warehouse picks not arriving',
      description: 'The Venlo warehouse has received no pick list since 08:05.',
      affectedCiIds: ['app-fulfilment-worker'],
      urgency: 1,
      openedAt: '2026-12-01T08:40:00.000Z',
    },
  },
  { at: '2026-12-01T08:52:00.000Z', actor: 'Lee Marchetti', id: I.picks.id, move: 'on_hold' },
];

/** The document with the sample incidents and problem added by the core, as the app would have made them. */
export function withSampleIncidents(document: CmdbDocument): CmdbDocument {
  let now = SAMPLE_TODAY;
  const env: CmdbEnvironment = {
    now: () => now,
    newId: (prefix) => {
      throw new Error(`the sample names every id; asked for a new ${prefix} id`);
    },
    actor: SERVICE_DESK,
  };
  const cmdb = cmdbFromDocument(document, [], env);
  for (const step of [...STEPS].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    now = step.at;
    env.actor = step.actor;
    if ('incident' in step) cmdb.createRecord(INCIDENT_KIND_NAME, step.incident);
    else if ('problem' in step) cmdb.createRecord(PROBLEM_KIND_NAME, step.problem);
    else if ('move' in step) transitionIncident(cmdb, step.id, step.move);
    else transitionProblem(cmdb, step.id, step.problemMove);
  }
  return { ...documentFromCmdb(cmdb, document.settings), journalSeq: 0 };
}
