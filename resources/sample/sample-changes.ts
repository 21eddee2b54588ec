// The change requests and schedule windows the bundled sample carries, so that a newcomer sees
// the CAB workflow at first start: one change in each stage of its life, a weekly maintenance
// window on the database tier and the year-end blackout, made with the core's own functions
// (createRecord, transitionChange, voteOnChange) on a scripted clock and actors, so every record
// is what the app itself would have written (numbers, history events, the impact snapshot
// frozen on entering cab_review). The build's journal is not shipped: the checkpoint holds its
// result at journalSeq 0, and each change's events keep its history.
//
// Steps are listed per change and applied in time order (numbers follow the order the changes
// were raised in). The story, seen from Tuesday 1 December 2026 (all windows in UTC; Paris is UTC+1 in winter):
// - CHG0001 Grow the catalog-db data volume — reviewed: implemented on 22 November, and failed
//   (rolled back from snapshot, the catalog read-only for 25 minutes). It raises the risk of
//   later changes on the same CIs.
// - CHG0002 Rolling upgrade of the prod Kubernetes nodes — scheduled for Sunday 6 December.
// - CHG0003 Rebuild orders-db replica 1 on new disks — approved, Sunday 13 December 01:00–03:00.
// - CHG0004 PostgreSQL 16.4 minor upgrade of the orders-db primary — in cab_review with its
//   frozen snapshot (the README's demo change), Sunday 13 December 00:00–02:00 (01:00–03:00 in
//   Paris, inside the database tier's maintenance window), one vote cast. It overlaps CHG0003
//   on the same cluster (the primary and a replica down together leave the orders-db cluster
//   with 1 of 3, below its 2): the conflict the CAB should see.
// - CHG0005 Rotate the storefront F5 TLS certificates — a standard change, assessed.
// - CHG0006 Upgrade Elasticsearch search-prod to 8.15 — a draft planned in the year-end blackout.
// Windows: "Database tier — Sunday maintenance", Sundays 01:00–05:00 Europe/Paris on every
// database CI; "Year-end blackout", 20 December 2026 to 3 January 2027 (Paris days), company-wide.
import type { ChangeInput, ChangeTransition } from '../../src/shared/changes';
import type { CmdbDocument } from '../../src/shared/model';
import type { ScheduleWindowInput } from '../../src/shared/schedule-windows';
import { CHANGE_KIND_NAME, transitionChange, voteOnChange, WINDOW_KIND_NAME } from '../../src/core/changes';
import type { CmdbEnvironment } from '../../src/core/graph/cmdb';
import { cmdbFromDocument, documentFromCmdb } from '../../src/core/graph/load';

/** The sample's "today": the changes' windows are in the weeks after it. */
export const SAMPLE_TODAY = '2026-12-01T09:00:00.000Z';

const CHANGE_MANAGER = 'Priya Nair (change manager)';

type Step =
  | { at: string; actor: string; window: ScheduleWindowInput & { id: string } }
  | { at: string; actor: string; create: ChangeInput & { id: string } }
  | { at: string; actor: string; id: string; move: ChangeTransition }
  | { at: string; actor: string; id: string; vote: 'approve' | 'reject' | 'abstain'; comment: string };

/** The ids and numbers of the sample changes, and their states, for the tests and the README. */
export const SAMPLE_CHANGES = {
  catalogVolume: { id: 'chg-catalog-volume', number: 'CHG0001', state: 'reviewed' },
  k8sUpgrade: { id: 'chg-k8s-prod-1-31', number: 'CHG0002', state: 'scheduled' },
  replicaRebuild: { id: 'chg-orders-replica-1', number: 'CHG0003', state: 'approved' },
  ordersUpgrade: { id: 'chg-orders-pg-16-4', number: 'CHG0004', state: 'cab_review' },
  certRotation: { id: 'chg-storefront-certs', number: 'CHG0005', state: 'assessed' },
  searchUpgrade: { id: 'chg-es-8-15', number: 'CHG0006', state: 'draft' },
} as const;

/** The sample's schedule windows. */
export const SAMPLE_WINDOWS = {
  databaseSunday: { id: 'win-db-sunday', name: 'Database tier — Sunday maintenance' },
  yearEnd: { id: 'win-year-end-blackout', name: 'Year-end blackout' },
} as const;

const C = SAMPLE_CHANGES;

/** The database tier: every database CI of the sample (primaries, replicas, standbys, single databases). */
function databaseTier(document: CmdbDocument): string[] {
  return document.cis.filter((ci) => ci.class === 'database').map((ci) => ci.id);
}

const windowSteps = (document: CmdbDocument): Step[] => [
  {
    at: '2026-11-02T09:00:00.000Z',
    actor: CHANGE_MANAGER,
    window: {
      id: SAMPLE_WINDOWS.databaseSunday.id,
      name: SAMPLE_WINDOWS.databaseSunday.name,
      kind: 'maintenance',
      ciIds: databaseTier(document),
      timeZone: 'Europe/Paris',
      schedule: { type: 'weekly', weekdays: [0], startTime: '01:00', endTime: '05:00', from: null, until: null },
      description: 'Agreed with the business: changes to the databases go in on Sunday nights, 01:00–05:00 Paris time.',
    },
  },
  {
    at: '2026-11-02T09:05:00.000Z',
    actor: CHANGE_MANAGER,
    window: {
      id: SAMPLE_WINDOWS.yearEnd.id,
      name: SAMPLE_WINDOWS.yearEnd.name,
      kind: 'blackout',
      ciIds: [],
      timeZone: 'Europe/Paris',
      // 20 December 00:00 to 4 January 00:00 in Paris (UTC+1): the whole of 3 January is inside.
      schedule: { type: 'once', start: '2026-12-19T23:00:00.000Z', end: '2027-01-03T23:00:00.000Z' },
      description: 'Peak season and the year-end close: emergency changes only.',
    },
  },
];

const STEPS: Step[] = [
  // CHG0001: through its whole life in November, and a failed review.
  {
    at: '2026-11-16T10:00:00.000Z',
    actor: 'Dana Whitfield',
    create: {
      id: C.catalogVolume.id,
      title: 'Grow the catalog-db data volume to 2 TB',
      description: 'The catalog database volume is at 86 %. Grow it online on node 1, then fail over and grow node 2.',
      type: 'normal',
      targets: [{ ciId: 'db-catalog-1', mode: 'down' }],
      window: { start: '2026-11-22T00:00:00.000Z', end: '2026-11-22T02:00:00.000Z' },
      implementer: 'Dana Whitfield',
      rollbackPlan: 'Restore the volume from the 23:30 storage snapshot and fail back to node 1.',
    },
  },
  { at: '2026-11-16T15:00:00.000Z', actor: CHANGE_MANAGER, id: C.catalogVolume.id, move: { to: 'assessed' } },
  { at: '2026-11-17T09:00:00.000Z', actor: CHANGE_MANAGER, id: C.catalogVolume.id, move: { to: 'cab_review' } },
  { at: '2026-11-17T10:10:00.000Z', actor: 'Marta Kowalski (CAB, infrastructure)', id: C.catalogVolume.id, vote: 'approve', comment: 'Snapshot first, please.' },
  { at: '2026-11-17T10:12:00.000Z', actor: 'Tom Becker (CAB, storefront)', id: C.catalogVolume.id, vote: 'approve', comment: '' },
  { at: '2026-11-17T10:30:00.000Z', actor: CHANGE_MANAGER, id: C.catalogVolume.id, move: { to: 'approved', comment: 'Approved by the CAB of 17 November.' } },
  { at: '2026-11-17T11:00:00.000Z', actor: 'Dana Whitfield', id: C.catalogVolume.id, move: { to: 'scheduled' } },
  { at: '2026-11-22T02:05:00.000Z', actor: 'Dana Whitfield', id: C.catalogVolume.id, move: { to: 'implemented', comment: 'Rolled back at 01:25.' } },
  {
    at: '2026-11-24T09:30:00.000Z',
    actor: CHANGE_MANAGER,
    id: C.catalogVolume.id,
    move: {
      to: 'reviewed',
      review: {
        outcome: 'failed',
        notes: 'The online resize stalled at 71 %; the volume was restored from snapshot. The catalog was read-only for 25 minutes. Retry offline with the vendor on site.',
      },
    },
  },

  // CHG0002: approved at the CAB of 24 November, scheduled.
  {
    at: '2026-11-20T13:00:00.000Z',
    actor: 'Jonas Berg',
    create: {
      id: C.k8sUpgrade.id,
      title: 'Rolling upgrade of the prod Kubernetes nodes to 1.31',
      description: 'Drain and upgrade the six k8s-prod nodes one at a time; the cluster keeps at least three.',
      type: 'normal',
      targets: [{ ciId: 'k8s-prod', mode: 'degraded' }],
      window: { start: '2026-12-06T21:00:00.000Z', end: '2026-12-07T01:00:00.000Z' },
      implementer: 'Jonas Berg',
      rollbackPlan: 'Stop the rollout; upgraded nodes stay (1.31 and 1.30 are compatible), cordon any node that misbehaves.',
    },
  },
  { at: '2026-11-20T16:00:00.000Z', actor: CHANGE_MANAGER, id: C.k8sUpgrade.id, move: { to: 'assessed' } },
  { at: '2026-11-23T09:00:00.000Z', actor: CHANGE_MANAGER, id: C.k8sUpgrade.id, move: { to: 'cab_review' } },
  { at: '2026-11-24T10:05:00.000Z', actor: 'Marta Kowalski (CAB, infrastructure)', id: C.k8sUpgrade.id, vote: 'approve', comment: '' },
  { at: '2026-11-24T10:06:00.000Z', actor: 'Tom Becker (CAB, storefront)', id: C.k8sUpgrade.id, vote: 'approve', comment: 'Not before the Saturday sale ends.' },
  { at: '2026-11-24T10:20:00.000Z', actor: CHANGE_MANAGER, id: C.k8sUpgrade.id, move: { to: 'approved', comment: 'Approved by the CAB of 24 November.' } },
  { at: '2026-11-24T14:00:00.000Z', actor: 'Jonas Berg', id: C.k8sUpgrade.id, move: { to: 'scheduled' } },

  // CHG0004: the demo change, waiting for the CAB of 8 December.
  {
    at: '2026-11-27T11:00:00.000Z',
    actor: 'Dana Whitfield',
    create: {
      id: C.ordersUpgrade.id,
      title: 'PostgreSQL 16.4 minor upgrade of the orders-db primary',
      description: 'Minor upgrade with a restart of the primary; Patroni keeps the replicas serving reads. Writes pause for about 3 minutes.',
      type: 'normal',
      targets: [{ ciId: 'db-orders-primary', mode: 'down' }],
      window: { start: '2026-12-13T00:00:00.000Z', end: '2026-12-13T02:00:00.000Z' },
      implementer: 'Dana Whitfield',
      rollbackPlan: 'Reinstall 16.3 packages and restart; the data directory is compatible.',
    },
  },
  { at: '2026-11-27T15:00:00.000Z', actor: CHANGE_MANAGER, id: C.ordersUpgrade.id, move: { to: 'assessed' } },
  { at: '2026-11-30T09:00:00.000Z', actor: CHANGE_MANAGER, id: C.ordersUpgrade.id, move: { to: 'cab_review', comment: 'For the CAB of 8 December.' } },
  { at: '2026-11-30T16:40:00.000Z', actor: 'Marta Kowalski (CAB, infrastructure)', id: C.ordersUpgrade.id, vote: 'approve', comment: 'Fine inside the Sunday window.' },

  // CHG0003: approved at the CAB of 24 November; CHG0004 overlaps it on the same cluster.
  {
    at: '2026-11-23T10:00:00.000Z',
    actor: 'Lee Marchetti',
    create: {
      id: C.replicaRebuild.id,
      title: 'Rebuild orders-db replica 1 on new disks',
      description: 'Replace the SSDs of fra-pg-orders02 and re-seed it from the primary.',
      type: 'normal',
      targets: [{ ciId: 'db-orders-replica-1', mode: 'down' }],
      window: { start: '2026-12-13T01:00:00.000Z', end: '2026-12-13T03:00:00.000Z' },
      implementer: 'Lee Marchetti',
      rollbackPlan: 'Put the old disks back; the replica re-syncs from the primary.',
    },
  },
  { at: '2026-11-23T14:00:00.000Z', actor: CHANGE_MANAGER, id: C.replicaRebuild.id, move: { to: 'assessed' } },
  { at: '2026-11-23T14:05:00.000Z', actor: CHANGE_MANAGER, id: C.replicaRebuild.id, move: { to: 'cab_review' } },
  { at: '2026-11-24T10:25:00.000Z', actor: 'Marta Kowalski (CAB, infrastructure)', id: C.replicaRebuild.id, vote: 'approve', comment: '' },
  { at: '2026-11-24T10:30:00.000Z', actor: CHANGE_MANAGER, id: C.replicaRebuild.id, move: { to: 'approved', comment: 'Approved by the CAB of 24 November.' } },

  // CHG0005: a standard change (pre-approved model), assessed.
  {
    at: '2026-11-30T08:30:00.000Z',
    actor: 'Sam Okafor',
    create: {
      id: C.certRotation.id,
      title: 'Rotate the storefront F5 TLS certificates',
      description: 'Standard change SC-014: install the renewed larkspur.shop certificate on fra-f5-01, then ams-f5-01.',
      type: 'standard',
      targets: [{ ciId: 'lb-storefront-1', mode: 'down' }],
      window: { start: '2026-12-08T20:00:00.000Z', end: '2026-12-08T20:30:00.000Z' },
      implementer: 'Sam Okafor',
      rollbackPlan: 'Re-select the previous certificate in the client SSL profile.',
    },
  },
  { at: '2026-11-30T09:15:00.000Z', actor: CHANGE_MANAGER, id: C.certRotation.id, move: { to: 'assessed' } },

  // CHG0006: a draft, planned (by mistake) inside the year-end blackout.
  {
    at: '2026-12-01T08:45:00.000Z',
    actor: 'Mei Tanaka',
    create: {
      id: C.searchUpgrade.id,
      title: 'Upgrade Elasticsearch search-prod to 8.15',
      description: 'Rolling upgrade of the three data nodes.',
      type: 'normal',
      targets: [{ ciId: 'es-search-cluster', mode: 'degraded' }],
      window: { start: '2026-12-22T21:00:00.000Z', end: '2026-12-22T23:30:00.000Z' },
      implementer: 'Mei Tanaka',
      rollbackPlan: 'Snapshot restore to 8.14 on a fresh cluster (about 2 hours).',
    },
  },
];

/** The document with the sample windows and changes added by the core, as the app would have made them. */
export function withSampleChanges(document: CmdbDocument): CmdbDocument {
  let now = SAMPLE_TODAY;
  const env: CmdbEnvironment = {
    now: () => now,
    newId: (prefix) => {
      throw new Error(`the sample names every id; asked for a new ${prefix} id`);
    },
    actor: CHANGE_MANAGER,
  };
  const cmdb = cmdbFromDocument(document, [], env);
  // In time order, so that numbers follow the order the changes were raised in.
  const steps = [...windowSteps(document), ...STEPS].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const step of steps) {
    now = step.at;
    env.actor = step.actor;
    if ('window' in step) cmdb.createRecord(WINDOW_KIND_NAME, step.window);
    else if ('create' in step) cmdb.createRecord(CHANGE_KIND_NAME, step.create);
    else if ('move' in step) transitionChange(cmdb, step.id, step.move);
    else voteOnChange(cmdb, step.id, step.vote, step.comment);
  }
  return { ...documentFromCmdb(cmdb, document.settings), journalSeq: 0 };
}
