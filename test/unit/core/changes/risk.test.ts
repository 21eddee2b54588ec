// Risk: each factor moves the score the way it should, the breakdown sums to the score, the band
// follows the thresholds, and the weights are one journaled setting that can be edited and undone.
import { describe, expect, it } from 'vitest';
import { bandOf, riskWeightsOf, setRiskWeights, transitionChange } from '../../../../src/core/changes';
import type { Cmdb } from '../../../../src/core/graph';
import type { Change, ChangeInput } from '../../../../src/shared/changes';
import { DEFAULT_RISK_WEIGHTS, RISK_FACTOR_KEYS, type RiskFactorKey } from '../../../../src/shared/risk';
import { cmdbErrorOf } from '../../../support/cmdb-error';
import { addChange, addWindow, assessmentOf, changeLab, sunday } from './change-lab';

function pointsOf(cmdb: Cmdb, change: Change, key: RiskFactorKey): number {
  return assessmentOf(cmdb, change).risk.factors.find((f) => f.key === key)?.points ?? Number.NaN;
}

/** The score of a draft on `targets` in a fresh lab, after `arrange` has set the scene. */
function scoreOf(input: Omit<Partial<ChangeInput>, 'targets'> & { targets: string[] }, arrange: (cmdb: Cmdb) => void = () => {}): number {
  const cmdb = changeLab();
  arrange(cmdb);
  return assessmentOf(cmdb, addChange(cmdb, input)).risk.score;
}

describe('change risk', () => {
  it('lists every factor with what it counted, and the points sum to the score', () => {
    const cmdb = changeLab();
    const { risk } = assessmentOf(cmdb, addChange(cmdb, { targets: ['db'] }));
    expect(risk.factors.map((f) => f.key)).toEqual([...RISK_FACTOR_KEYS]);
    expect(risk.factors.reduce((sum, f) => sum + f.points, 0)).toBeCloseTo(risk.score, 6);
    expect(risk.factors.find((f) => f.key === 'criticality')).toMatchObject({ detail: 'criticality 1 (Checkout)', points: 30 });
    expect(risk.impactSource).toBe('now');
    expect(risk.band).toBe(bandOf(risk.score, DEFAULT_RISK_WEIGHTS.bands));
  });

  it('rises with the criticality of the impacted service, the number of services and of CIs', () => {
    expect(scoreOf({ targets: ['db'] })).toBeGreaterThan(scoreOf({ targets: ['cache'] }));
    const cmdb = changeLab();
    expect(pointsOf(cmdb, addChange(cmdb, { targets: ['db', 'cache'] }), 'impacted_services')).toBeGreaterThan(pointsOf(cmdb, addChange(cmdb, { targets: ['db'] }), 'impacted_services'));
    expect(pointsOf(cmdb, addChange(cmdb, { targets: ['host'] }), 'impacted_cis')).toBeGreaterThan(pointsOf(cmdb, addChange(cmdb, { targets: ['api'] }), 'impacted_cis'));
  });

  it('rises as redundancy headroom is used up: a pool left with no spare, then a pool taken down', () => {
    const cmdb = changeLab();
    const none = pointsOf(cmdb, addChange(cmdb, { targets: ['db'] }), 'redundancy');
    const atRisk = pointsOf(cmdb, addChange(cmdb, { targets: ['web1'] }), 'redundancy');
    const down = pointsOf(cmdb, addChange(cmdb, { targets: ['web1', 'web2'] }), 'redundancy');
    expect([none, atRisk, down]).toEqual([0, DEFAULT_RISK_WEIGHTS.perGroupAtRisk, DEFAULT_RISK_WEIGHTS.perGroupDown]);
  });

  it('by type: standard < normal < emergency', () => {
    const [standard, normal, emergency] = (['standard', 'normal', 'emergency'] as const).map((type) => scoreOf({ targets: ['db'], type }));
    expect(standard).toBeLessThan(normal);
    expect(normal).toBeLessThan(emergency);
  });

  it('rises with a failed change on the same CIs in the last 90 days, not with a successful one or an older failure', () => {
    const reviewed = (outcome: 'failed' | 'successful') => (cmdb: Cmdb) => {
      const earlier = addChange(cmdb, { targets: ['db'], window: sunday('00:00', '00:30') }, 'scheduled');
      transitionChange(cmdb, earlier.id, { to: 'implemented' });
      transitionChange(cmdb, earlier.id, { to: 'reviewed', review: { outcome, notes: '' } });
    };
    const cmdb = changeLab();
    reviewed('failed')(cmdb);
    const mine = addChange(cmdb, { targets: ['db'] });
    expect(assessmentOf(cmdb, mine).risk.factors.find((f) => f.key === 'history')).toMatchObject({ points: DEFAULT_RISK_WEIGHTS.perFailedChange, detail: '1 failed change (CHG0001), 0 incidents' });
    // The test clock reviews it on 2026-01-01; 100 days later it is out of the lookback.
    expect(assessmentOf(cmdb, mine, Date.parse('2026-04-11T00:00:00Z')).risk.factors.find((f) => f.key === 'history')?.points).toBe(0);
    expect(scoreOf({ targets: ['db'] }, reviewed('successful'))).toBe(scoreOf({ targets: ['db'] }));
  });

  it('rises with conflicts, outside a maintenance window and in a blackout', () => {
    const alone = scoreOf({ targets: ['db'] });
    expect(scoreOf({ targets: ['db'] }, (cmdb) => addChange(cmdb, { targets: ['pay'] }, 'scheduled'))).toBeGreaterThan(alone);
    expect(
      scoreOf({ targets: ['db'], window: sunday('04:00', '06:00') }, (cmdb) =>
        addWindow(cmdb, { name: 'DB', kind: 'maintenance', ciIds: ['db'], schedule: { type: 'weekly', weekdays: [0], startTime: '00:00', endTime: '04:00' } }),
      ),
    ).toBe(alone + DEFAULT_RISK_WEIGHTS.outsideMaintenanceWindow);
    expect(scoreOf({ targets: ['db'] }, (cmdb) => addWindow(cmdb, { name: 'Freeze', kind: 'blackout', schedule: { type: 'once', ...sunday('00:00', '23:00') } }))).toBe(
      alone + DEFAULT_RISK_WEIGHTS.inBlackout,
    );
  });

  it('reads the impact the CAB saw once it is frozen, not the CMDB as it is now', () => {
    const cmdb = changeLab();
    const change = addChange(cmdb, { targets: ['db'] }, 'cab_review');
    const before = assessmentOf(cmdb, change).risk;
    cmdb.deleteRelationship([...cmdb.graph.relationships()].find((r) => r.source === 'api' && r.target === 'checkout')?.id as string);
    const after = assessmentOf(cmdb, change).risk;
    expect(after).toEqual(before);
    expect(after.impactSource).toBe('snapshot');
  });

  it('bands by the thresholds: 24 is low, 25 medium, 50 high, 75 very high', () => {
    expect([24, 25, 50, 75].map((s) => bandOf(s, DEFAULT_RISK_WEIGHTS.bands))).toEqual(['low', 'medium', 'high', 'very_high']);
  });
});

describe('risk weights', () => {
  it('are the defaults until edited; an edit is journaled, changes the score and is undone', () => {
    const cmdb = changeLab();
    const change = addChange(cmdb, { targets: ['db'] });
    expect(riskWeightsOf(cmdb)).toEqual({ weights: DEFAULT_RISK_WEIGHTS, isDefault: true });
    const before = assessmentOf(cmdb, change).risk.score;
    const tx = setRiskWeights(cmdb, { ...DEFAULT_RISK_WEIGHTS, criticality: { ...DEFAULT_RISK_WEIGHTS.criticality, '1': 50 } });
    expect(tx?.records).toEqual([expect.objectContaining({ entity: 'setting', id: 'risk.weights', actor: 'test' })]);
    expect(assessmentOf(cmdb, change).risk.score).toBe(before + 20);
    cmdb.undo();
    expect(riskWeightsOf(cmdb).isDefault).toBe(true);
    expect(assessmentOf(cmdb, change).risk.score).toBe(before);
  });

  it('refuse thresholds that do not rise, or a negative weight, naming the field; nothing changes', () => {
    const cmdb = changeLab();
    expect(cmdbErrorOf(() => setRiskWeights(cmdb, { ...DEFAULT_RISK_WEIGHTS, bands: { medium: 50, high: 40, very_high: 90 } }))).toMatchObject({ field: 'bands' });
    expect(cmdbErrorOf(() => setRiskWeights(cmdb, { ...DEFAULT_RISK_WEIGHTS, perConflict: -1 }))).toMatchObject({ field: 'perConflict' });
    expect(riskWeightsOf(cmdb).isDefault).toBe(true);
    expect(setRiskWeights(cmdb, null)).toBeNull();
  });
});
