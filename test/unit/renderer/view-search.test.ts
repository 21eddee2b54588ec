import { describe, expect, it } from 'vitest';
import { searchViewNodes } from '../../../src/renderer/data/view-search';
import { ci } from '../../support/ci-fixture';

describe('searchViewNodes', () => {
  const nodes = [
    ci('db-orders', 'orders-db primary', { class: 'database', owner: 'team-data', tags: ['pci'] }),
    ci('app-order-api', 'Order API', { owner: 'team-orders' }),
    ci('svc-checkout', 'Checkout', { class: 'business_service', owner: 'team-shop' }),
  ];

  it('finds only the CIs of the view: names starting with the query first, then containing it, then other fields', () => {
    expect(searchViewNodes(nodes, 'order').map((h) => h.ci.id)).toEqual(['app-order-api', 'db-orders']);
    expect(searchViewNodes(nodes, 'ORDERS').map((h) => [h.ci.id, h.field])).toEqual([
      ['db-orders', 'name'],
      ['app-order-api', 'owner'],
    ]);
    expect(searchViewNodes(nodes, 'business service').map((h) => h.ci.id)).toEqual(['svc-checkout']);
    expect(searchViewNodes(nodes, 'pci').map((h) => [h.ci.id, h.field, h.match])).toEqual([['db-orders', 'tag', 'pci']]);
    expect(searchViewNodes(nodes, 'zebra')).toEqual([]);
    expect(searchViewNodes(nodes, '  ')).toEqual([]);
    expect(searchViewNodes(nodes, 'o', 1)).toHaveLength(1);
  });
});
