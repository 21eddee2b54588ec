// Change requests: CHG numbers, the life cycle with its refusals, the impact snapshot frozen for
// the CAB and compared with a recompute, votes, and the journal/undo every kind gets.
import { describe, expect, it } from 'vitest';
import { allowedTransitions, compareSnapshots, impactSnapshot, transitionChange, voteOnChange } from '../../../../src/core/changes';
import { Cmdb, CmdbGraph } from '../../../../src/core/graph';
import type { Change, ChangeType } from '../../../../src/shared/changes';
import { cmdbErrorOf } from '../../../support/cmdb-error';
import { testEnv } from '../graph/test-env';

const WINDOW = { start: '2026-03-01T01:00:00.000Z', end: '2026-03-01T03:00:00.000Z' };

/** Checkout ← Order API ← orders-db; Search stands apart. */
function shop(): Cmdb {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  cmdb.createCi({ id: 'svc', name: 'Checkout', class: 'business_service', criticality: 1 });
  cmdb.createCi({ id: 'api', name: 'Order API', class: 'application' });
  cmdb.createCi({ id: 'db', name: 'orders-db', class: 'database' });
  cmdb.createCi({ id: 'search', name: 'Search', class: 'business_service' });
  cmdb.createRelationship({ id: 'r1', source: 'api', target: 'svc', type: 'part_of' });
  cmdb.createRelationship({ id: 'r2', source: 'api', target: 'db', type: 'depends_on' });
  return cmdb;
}

function draft(cmdb: Cmdb, type: ChangeType = 'normal'): Change {
  return cmdb.createRecord('change', { title: 'Patch orders-db', type, targets: [{ ciId: 'db', mode: 'down' }], window: WINDOW }).record as Change;
}


describe('a change request', () => {
  it('is numbered CHG0001, CHG0002… and starts as a draft with an empty history', () => {
    const cmdb = shop();
    const first = draft(cmdb);
    const second = draft(cmdb);
    expect([first.number, second.number]).toEqual(['CHG0001', 'CHG0002']);
    expect(first).toMatchObject({ state: 'draft', events: [], impactSnapshot: null, review: null, implementer: '', description: '' });
    expect(cmdbErrorOf(() => cmdb.createRecord('change', { title: 'x', state: 'approved' }))).toMatchObject({ code: 'invalid_input' });
    expect(cmdbErrorOf(() => cmdb.createRecord('change', { title: 'x', targets: [{ ciId: 'ghost', mode: 'down' }] }))).toMatchObject({ field: 'targets[0].ciId' });
    expect(cmdbErrorOf(() => cmdb.createRecord('change', { title: 'x', window: { start: WINDOW.end, end: WINDOW.start } }))).toMatchObject({ field: 'window.end' });
  });

  it('goes draft → assessed → cab_review → approved → scheduled → implemented → reviewed, one journal record per move with its actor', () => {
    const cmdb = shop();
    const { id } = draft(cmdb);
    for (const to of ['assessed', 'cab_review', 'approved', 'scheduled', 'implemented'] as const) {
      const { tx } = transitionChange(cmdb, id, { to });
      expect(tx.records).toEqual([expect.objectContaining({ entity: 'change', op: 'update', actor: 'test' })]);
    }
    const done = transitionChange(cmdb, id, { to: 'reviewed', review: { outcome: 'successful', notes: 'no incident' } }).change;
    expect(done.state).toBe('reviewed');
    expect(done.review).toMatchObject({ outcome: 'successful', actor: 'test' });
    expect(done.events.map((e) => `${e.from}>${e.to}`)).toEqual([
      'draft>assessed',
      'assessed>cab_review',
      'cab_review>approved',
      'approved>scheduled',
      'scheduled>implemented',
      'implemented>reviewed',
    ]);
    expect(allowedTransitions(done)).toEqual([]);
  });

  it('refuses a move that is not allowed, naming the allowed ones, and changes nothing', () => {
    const cmdb = shop();
    const { id } = draft(cmdb);
    const seq = cmdb.lastSeq;
    const error = cmdbErrorOf(() => transitionChange(cmdb, id, { to: 'approved' }));
    expect(error).toMatchObject({ code: 'conflict', field: 'to' });
    expect(error.message).toBe('to: CHG0001 cannot go to approved: from draft it can go to assessed or cancelled');
    expect(cmdb.lastSeq).toBe(seq);
    const empty = cmdb.createRecord('change', { title: 'No targets yet' }).record;
    expect(cmdbErrorOf(() => transitionChange(cmdb, empty.id, { to: 'assessed' }))).toMatchObject({ field: 'targets' });
  });

  it('a standard change is pre-approved; an emergency change is approved by one approver without a meeting; a normal one needs the CAB', () => {
    const cmdb = shop();
    const standard = draft(cmdb, 'standard');
    transitionChange(cmdb, standard.id, { to: 'assessed' });
    expect(allowedTransitions(cmdb.records.get('change', standard.id) as Change)).toEqual(['approved', 'draft', 'cancelled']);
    expect(transitionChange(cmdb, standard.id, { to: 'approved' }).change.impactSnapshot?.services.map((s) => s.id)).toEqual(['svc']);

    const emergency = draft(cmdb, 'emergency');
    transitionChange(cmdb, emergency.id, { to: 'assessed' });
    const approved = transitionChange(cmdb, emergency.id, { to: 'approved', comment: 'orders failing' }).change;
    expect(approved.events.at(-1)).toMatchObject({ kind: 'vote', vote: 'approve', actor: 'test', text: 'orders failing' });

    const normal = draft(cmdb);
    transitionChange(cmdb, normal.id, { to: 'assessed' });
    expect(allowedTransitions(cmdb.records.get('change', normal.id) as Change)).toEqual(['cab_review', 'draft', 'cancelled']);
  });

  it('is sent back from cab_review to draft only with a comment, and can be edited only before the CAB', () => {
    const cmdb = shop();
    const { id } = draft(cmdb);
    transitionChange(cmdb, id, { to: 'assessed' });
    // An edit changes what it names and nothing else.
    expect(cmdb.updateRecord('change', id, { implementer: 'dba-team' }).record).toMatchObject({ implementer: 'dba-team', targets: [{ ciId: 'db' }], window: WINDOW });
    transitionChange(cmdb, id, { to: 'cab_review' });
    expect(cmdbErrorOf(() => cmdb.updateRecord('change', id, { title: 'sneaky' }))).toMatchObject({ code: 'conflict', field: 'state' });
    expect(cmdbErrorOf(() => cmdb.updateRecord('change', id, { state: 'approved' }))).toMatchObject({ code: 'conflict' });
    expect(cmdbErrorOf(() => transitionChange(cmdb, id, { to: 'draft' }))).toMatchObject({ field: 'comment' });
    const back = transitionChange(cmdb, id, { to: 'draft', comment: 'needs a rollback plan' }).change;
    expect(back).toMatchObject({ state: 'draft', impactSnapshot: null });
    expect(back.events.at(-1)).toMatchObject({ from: 'cab_review', to: 'draft', text: 'needs a rollback plan' });
    expect(cmdb.updateRecord('change', id, { rollbackPlan: 'restore the snapshot' }).record).toMatchObject({ rollbackPlan: 'restore the snapshot' });
    expect(cmdbErrorOf(() => cmdb.updateRecord('change', id, { state: 'approved' }))).toMatchObject({ code: 'invalid_input' });
  });

  it('collects CAB votes only while under review', () => {
    const cmdb = shop();
    const { id } = draft(cmdb);
    expect(cmdbErrorOf(() => voteOnChange(cmdb, id, 'approve'))).toMatchObject({ code: 'conflict', field: 'vote' });
    transitionChange(cmdb, id, { to: 'assessed' });
    transitionChange(cmdb, id, { to: 'cab_review' });
    const voted = voteOnChange(cmdb, id, 'reject', ' too close to the sale ').change;
    expect(voted.events.at(-1)).toMatchObject({ kind: 'vote', vote: 'reject', actor: 'test', text: 'too close to the sale' });
    // The secretary records another member's vote: the vote is the member's, the journal names the secretary.
    const recorded = voteOnChange(cmdb, id, 'approve', '', '  Dana (network) ');
    expect(recorded.change.events.at(-1)).toMatchObject({ kind: 'vote', vote: 'approve', actor: 'Dana (network)' });
    expect(recorded.change.events.filter((e) => e.kind === 'vote')).toHaveLength(2);
  });

  it('freezes the blast radius for the CAB with the CMDB state it was computed on; a recompute says what moved', () => {
    const cmdb = shop();
    const { id } = draft(cmdb);
    transitionChange(cmdb, id, { to: 'assessed' });
    const frozen = transitionChange(cmdb, id, { to: 'cab_review' }).change.impactSnapshot;
    expect(frozen).toMatchObject({ byLevel: { down: 2, degraded: 0, at_risk: 0 }, services: [{ id: 'svc', level: 'down', criticality: 1 }] });
    if (!frozen) throw new Error('no snapshot');
    expect(frozen.cmdbHash).toMatch(/^[0-9a-f]{14}$/);

    const same = impactSnapshot(cmdb.graph, [{ ciId: 'db', mode: 'down' }], '2026-03-01T00:00:00.000Z');
    expect(compareSnapshots(frozen, same)).toEqual({ cmdbMoved: false, servicesAdded: [], servicesRemoved: [], cisAdded: [], cisRemoved: [], levelsMoved: [] });

    // Search now also needs the Order API, softly: it is degraded, not down.
    cmdb.createRelationship({ id: 'r3', source: 'search', target: 'api', type: 'depends_on', strength: 'soft' });
    const moved = impactSnapshot(cmdb.graph, [{ ciId: 'db', mode: 'down' }], '2026-03-01T00:00:00.000Z');
    expect(compareSnapshots(frozen, moved)).toMatchObject({ cmdbMoved: true, servicesAdded: ['search'], cisAdded: ['search'], servicesRemoved: [] });
    // The frozen snapshot is what the change keeps.
    expect((cmdb.records.get('change', id) as Change).impactSnapshot).toEqual(frozen);
  });

  it('is undone like any edit, and keeps its target CIs from being deleted until it is closed', () => {
    const cmdb = shop();
    const { id } = draft(cmdb);
    transitionChange(cmdb, id, { to: 'assessed' });
    cmdb.undo();
    expect((cmdb.records.get('change', id) as Change).state).toBe('draft');
    expect(cmdbErrorOf(() => cmdb.deleteCi('db')).message).toMatch(/change request CHG0001 Patch orders-db \(targets\[0\]\.ciId\)/);
    transitionChange(cmdb, id, { to: 'cancelled', comment: 'not needed' });
    expect(cmdb.deleteCi('db').tx.records.map((r) => r.entity)).toEqual(['relationship', 'ci', 'tombstone']);
  });
});
