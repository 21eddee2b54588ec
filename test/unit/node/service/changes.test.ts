// The change-request operations through dispatch: created, moved, refused with the allowed
// moves named, recomputed against a CMDB that moved, and all of it still there after a restart.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFaultlineService, type FaultlineService } from '../../../../src/node/service';
import type { ChangeDetails, ChangeListItem, ChangeRecompute, MutationResult } from '../../../../src/shared/operations';
import { tempDir, writeDocument } from './fixture';
import { cleanedUpAfterEach, okValue } from './harness';

const { services, dirs } = cleanedUpAfterEach();

async function start(dir: string): Promise<FaultlineService> {
  const service = await startFaultlineService({ dataDir: join(dir, 'data'), documentPath: join(dir, 'shop.faultline'), actor: 'ana', log: () => undefined });
  services.push(service);
  return service;
}



describe('change requests through the service', () => {
  it('are created, moved and kept; a refused move names the allowed ones; recompute sees the CMDB move', async () => {
    const dir = tempDir('changes');
    dirs.push(dir);
    writeDocument(join(dir, 'shop.faultline'));
    const service = await start(dir);
    const window = { start: '2026-03-01T01:00:00.000Z', end: '2026-03-01T03:00:00.000Z' };
    const created = okValue<MutationResult<ChangeDetails>>(
      await service.dispatch('change.create', { change: { title: 'Replace host-a', targets: [{ ciId: 'host_a', mode: 'down' }], window } }),
    );
    const { id, number } = created.value.change;
    expect(number).toBe('CHG0001');
    expect(created.value.allowed).toEqual(['assessed', 'cancelled']);
    expect(created.info.recordCounts.change).toBe(1);

    const refused = await service.dispatch('change.transition', { id, to: 'scheduled' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'to', message: 'CHG0001 cannot go to scheduled: from draft it can go to assessed or cancelled' }] } });
    const badTitle = await service.dispatch('change.create', { change: { title: '' } });
    expect(badTitle).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'change.title' }] } });

    okValue(await service.dispatch('change.transition', { id, to: 'assessed' }));
    const review = okValue<MutationResult<ChangeDetails>>(await service.dispatch('change.transition', { id, to: 'cab_review' })).value.change;
    // host-a is one of three members of a cluster that needs two: nothing goes down; the cluster and what stands on it are at risk.
    expect(review.impactSnapshot?.byLevel).toEqual({ down: 0, degraded: 0, at_risk: 4 });
    expect(review.impactSnapshot?.services).toEqual([{ id: 'svc_checkout', name: 'Checkout', level: 'at_risk', criticality: 1 }]);

    const unchanged = okValue<ChangeRecompute>(await service.dispatch('change.recompute', { id }));
    expect(unchanged).toMatchObject({ cmdbMoved: false, cisAdded: [], levelsMoved: [] });
    okValue(await service.dispatch('ci.update', { id: 'cl_db', patch: { redundancy: { minHealthy: 3 } } }));
    const moved = okValue<ChangeRecompute>(await service.dispatch('change.recompute', { id }));
    expect(moved.cmdbMoved).toBe(true);
    // Now the cluster needs all three: losing host-a takes it, and everything on it, down.
    expect(moved.levelsMoved).toContainEqual({ id: 'cl_db', before: 'at_risk', after: 'down' });
    expect(moved.levelsMoved).toContainEqual({ id: 'svc_checkout', before: 'at_risk', after: 'down' });
    expect(moved.now.byLevel.down).toBe(4);

    okValue(await service.dispatch('change.vote', { id, vote: 'approve', comment: 'ok in the window' }));
    await service.close();
    services.splice(services.indexOf(service), 1);

    const again = await start(dir);
    const list = okValue<ChangeListItem[]>(await again.dispatch('change.list', { states: ['cab_review'] })).map((item) => item.change);
    expect(list.map((c) => c.number)).toEqual(['CHG0001']);
    expect(list[0].events.map((e) => [e.kind, e.actor, e.to ?? e.vote])).toEqual([
      ['transition', 'ana', 'assessed'],
      ['transition', 'ana', 'cab_review'],
      ['vote', 'ana', 'approve'],
    ]);
    expect(okValue<ChangeListItem[]>(await again.dispatch('change.list', { states: ['draft'] }))).toEqual([]);
  });
});
