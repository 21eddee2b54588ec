// Conflicts, each kind with a case that is one and a case that is not: the same CI, a directly
// related CI, the same implementer, a transitive collision (impacted services shared though the
// targets share nothing), outside a maintenance window (the CI's own or its neighbour's), and a
// blackout, which refuses all but emergency changes.
import { describe, expect, it } from 'vitest';
import { transitionChange } from '../../../../src/core/changes';
import { cmdbErrorOf } from '../../../support/cmdb-error';
import { addChange, addWindow, changeLab, conflictsFor, sunday } from './change-lab';

const kinds = (list: { kind: string }[]) => list.map((c) => c.kind);

describe('conflicts between changes', () => {
  it('the same CI in an overlapping window, with the other change named; not when the windows only touch', () => {
    const cmdb = changeLab();
    const other = addChange(cmdb, { targets: ['db'], title: 'Rotate certs', window: sunday('02:00', '04:00') }, 'scheduled');
    const mine = addChange(cmdb, { targets: ['db'] });
    const [conflict] = conflictsFor(cmdb, mine);
    expect(conflict).toMatchObject({ kind: 'same_ci', severity: 'conflict', otherChangeId: other.id, otherChangeNumber: 'CHG0001', ciIds: ['db'] });
    expect(conflict.reason).toBe('orders-db is also changed by CHG0001 Rotate certs (scheduled, 2026-03-01 02:00–04:00 UTC)');

    const touching = addChange(cmdb, { targets: ['db'], window: sunday('04:00', '05:00') });
    expect(conflictsFor(cmdb, touching)).toEqual([]);
  });

  it('only booked changes count: a draft or a cancelled change holds no window', () => {
    const cmdb = changeLab();
    const draft = addChange(cmdb, { targets: ['db'] });
    const cancelled = addChange(cmdb, { targets: ['db'] }, 'assessed');
    transitionChange(cmdb, cancelled.id, { to: 'cancelled' });
    expect(conflictsFor(cmdb, addChange(cmdb, { targets: ['db'] })).filter((c) => c.otherChangeId === draft.id || c.otherChangeId === cancelled.id)).toEqual([]);
  });

  it('a parent or child of the target changed then (orders-db is hosted on db-host); an unrelated CI is none', () => {
    const cmdb = changeLab();
    addChange(cmdb, { targets: ['host'], title: 'Reboot host' }, 'approved');
    const mine = addChange(cmdb, { targets: ['db'] });
    const conflicts = conflictsFor(cmdb, mine);
    // Both also take Checkout down, but related targets conflict as such: the shared service is not told twice.
    expect(kinds(conflicts)).toEqual(['related_ci']);
    const [conflict] = conflicts;
    expect(conflict).toMatchObject({ kind: 'related_ci', ciIds: ['db', 'host'] });
    expect(conflict.reason).toContain('db-host is changed by CHG0001 Reboot host');
    expect(conflict.reason).toContain('orders-db hosted on db-host');
    expect(conflictsFor(cmdb, addChange(cmdb, { targets: ['cache'] }))).toEqual([]);
  });

  it('the implementer already booked then, whatever the CIs; not another implementer', () => {
    const cmdb = changeLab();
    addChange(cmdb, { targets: ['cache'], implementer: 'Ana Lima' }, 'scheduled');
    expect(kinds(conflictsFor(cmdb, addChange(cmdb, { targets: ['web1'], implementer: 'ana lima ' })))).toContain('implementer');
    expect(kinds(conflictsFor(cmdb, addChange(cmdb, { targets: ['web1'], implementer: 'Bo Chen' })))).not.toContain('implementer');
  });

  it('a transitive collision: orders-db and Payments share nothing, yet both take Checkout down at once', () => {
    const cmdb = changeLab();
    const other = addChange(cmdb, { targets: ['pay'], title: 'Upgrade payments' }, 'cab_review');
    const mine = addChange(cmdb, { targets: ['db'] });
    const [conflict] = conflictsFor(cmdb, mine);
    expect(conflict).toMatchObject({ kind: 'shared_services', otherChangeId: other.id, ciIds: ['checkout'] });
    expect(conflict.reason).toContain('also impacts Checkout, though the two changes share no CI');
    // The cache only takes Search down: no service in common with Payments.
    expect(conflictsFor(cmdb, addChange(cmdb, { targets: ['cache'] }))).toEqual([]);
  });
});

describe('conflicts with windows', () => {
  const dbSundays = { name: 'DB Sundays', kind: 'maintenance' as const, ciIds: ['db'], timeZone: 'Europe/Paris', schedule: { type: 'weekly' as const, weekdays: [0], startTime: '01:00', endTime: '05:00' } };

  it('a target changed outside its maintenance window (Sundays 01:00–05:00 Paris is 00:00–04:00 UTC in March); inside is none', () => {
    const cmdb = changeLab();
    const window = addWindow(cmdb, dbSundays);
    const outside = conflictsFor(cmdb, addChange(cmdb, { targets: ['db'], window: sunday('03:00', '05:00') }));
    expect(outside).toEqual([expect.objectContaining({ kind: 'outside_maintenance', windowId: window.id, windowName: 'DB Sundays', ciIds: ['db'] })]);
    expect(outside[0].reason).toBe('orders-db is changed outside its maintenance window DB Sundays (Sundays 01:00–05:00 Europe/Paris)');
    expect(conflictsFor(cmdb, addChange(cmdb, { targets: ['db'], window: sunday('00:00', '04:00') }))).toEqual([]);
  });

  it('a parent or child outside its own window: changing the Order API at 03:00–05:00 touches orders-db', () => {
    const cmdb = changeLab();
    addWindow(cmdb, dbSundays);
    const [conflict] = conflictsFor(cmdb, addChange(cmdb, { targets: ['api'], window: sunday('03:00', '05:00') }));
    expect(conflict).toMatchObject({ kind: 'outside_maintenance', ciIds: ['db'] });
    expect(conflict.reason).toContain('orders-db (Order API depends on orders-db) is changed outside');
    // A CI with no maintenance window of its own has no constraint.
    expect(conflictsFor(cmdb, addChange(cmdb, { targets: ['cache'], window: sunday('03:00', '05:00') }))).toEqual([]);
  });

  it('a blackout over every CI refuses approving or scheduling a normal change, and flags an emergency one', () => {
    const cmdb = changeLab();
    addWindow(cmdb, { name: 'Month-end freeze', kind: 'blackout', schedule: { type: 'once', start: '2026-02-28T00:00:00Z', end: '2026-03-02T00:00:00Z' } });
    const normal = addChange(cmdb, { targets: ['cache'] }, 'cab_review');
    expect(conflictsFor(cmdb, normal)).toEqual([expect.objectContaining({ kind: 'blackout', severity: 'conflict', windowName: 'Month-end freeze' })]);
    const refusal = cmdbErrorOf(() => transitionChange(cmdb, normal.id, { to: 'approved' }));
    expect(refusal).toMatchObject({ code: 'conflict', field: 'window' });
    expect(refusal?.message).toContain('falls in blackout Month-end freeze');

    const emergency = addChange(cmdb, { targets: ['cache'], type: 'emergency' }, 'scheduled');
    expect(emergency.state).toBe('scheduled');
    const flag = conflictsFor(cmdb, emergency).find((c) => c.kind === 'blackout');
    expect(flag).toMatchObject({ severity: 'flag' });
    expect(flag?.reason).toMatch(/^Emergency change allowed in blackout Month-end freeze/);

    // Starting as the blackout ends is outside it.
    const after = addChange(cmdb, { targets: ['cache'], window: { start: '2026-03-02T00:00:00Z', end: '2026-03-02T01:00:00Z' } });
    expect(conflictsFor(cmdb, after).filter((c) => c.kind === 'blackout')).toEqual([]);
  });
});
