import { describe, expect, it } from 'vitest';
import { impactedColumns, type BlastRadiusResult, type ImpactedCi, type ImpactedService } from '../../../src/shared/impact-types';
import { impactToCsv, impactToMarkdown } from '../../../src/renderer/impact/impact-export';

const ci = (id: string, name: string, cls: ImpactedCi['class'], level: ImpactedCi['level'], depth: number, from: string, crit: ImpactedCi['criticality'] = 3): ImpactedCi => ({
  id,
  name,
  class: cls,
  criticality: crit,
  level,
  depth,
  via: { from, relationshipId: `r-${id}`, type: 'depends_on', strength: 'hard' },
});
const api = ci('api', 'Order API', 'application', 'down', 1, 'db');
const checkout: ImpactedService = { ...ci('svc', 'Checkout | web', 'business_service', 'down', 2, 'api', 1), path: ['db', 'api', 'svc'] };
const report = ci('rep', '=cmd()', 'application', 'degraded', 1, 'db');
const result: BlastRadiusResult = {
  targets: [{ ciId: 'db', name: 'orders-db primary', mode: 'down' }],
  impacted: impactedColumns([api, checkout, report]),
  services: [checkout],
  totals: { byLevel: { down: 2, degraded: 1, at_risk: 0 }, byClass: { application: 2, business_service: 1 } },
  elapsedMs: 1,
};

describe('impact export', () => {
  it('CSV: every impacted CI with its path, most severe first, formula cells neutralised', () => {
    expect(impactToCsv(result).split('\r\n')).toEqual([
      'Id,Name,Class,Level,Criticality,Hops,Service,Path',
      'api,Order API,Application,Down,3,1,,orders-db primary → Order API',
      'svc,Checkout | web,Business service,Down,1,2,yes,orders-db primary → Order API → Checkout | web',
      "rep,'=cmd(),Application,Degraded,3,1,,orders-db primary → =cmd()",
      '',
    ]);
  });

  it('Markdown: targets, counts and the impacted services with their paths', () => {
    const md = impactToMarkdown(result, { document: 'sample-cmdb.faultline', date: new Date('2026-01-05T10:30:00Z') });
    expect(md).toContain('## Blast radius of orders-db primary (down)');
    expect(md).toContain('sample-cmdb.faultline · 2026-01-05 10:30 UTC');
    expect(md).toContain('**3 CIs impacted:** 2 down, 1 degraded, 0 at risk.');
    expect(md).toContain('| Checkout \\| web | Down | 1 | orders-db primary → Order API → Checkout \\| web |');
  });
});
