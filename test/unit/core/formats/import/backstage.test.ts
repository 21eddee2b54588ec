// Backstage catalog YAML.
import { describe, expect, it } from 'vitest';
import { parseBackstage, parseEntityRef } from '../../../../../src/core/formats/import';
import { edges, fixture, importError, planned } from './fixtures';

describe('parseBackstage', () => {
  it('reads the catalog: 9 CIs, 12 relationships, Group/User skipped, bad documents rejected at their lines, refs outside the file dangling with theirs', () => {
    const batch = parseBackstage(fixture('backstage/catalog-info.yaml'), { fileName: 'catalog-info.yaml' });
    expect(batch.cis.map((c) => [c.key, c.class, c.owner ?? null, c.status ?? null, c.sourceRef.line])).toEqual([
      ['domain:default/commerce', 'business_service', 'commerce-leads', null, 1],
      ['system:default/checkout', 'technical_service', 'team-checkout', null, 8],
      ['component:default/checkout-web', 'application', 'team-checkout', 'live', 17],
      ['component:default/cart-service', 'application', 'team-cart', 'planned', 35],
      ['component:default/payments', 'application', 'team-payments', 'live', 48],
      ['api:default/payments-api', 'technical_service', 'team-payments', 'live', 59],
      ['resource:default/cart-db', 'database', 'team-cart', null, 70],
      ['resource:default/session-cache', 'cache', 'team-cart', null, 79],
      ['component:default/legacy-batch', 'application', 'team-cart', null, 102],
    ]);
    expect(batch.cis[2]).toMatchObject({
      name: 'checkout-web',
      tags: ['web', 'typescript'],
      externalIds: { backstage: 'component:default/checkout-web' },
      attributes: { kind: 'Component', description: 'The checkout pages', type: 'website', lifecycle: 'production', 'label:tier': 'frontend' },
    });
    expect(batch.cis[5].tags).toEqual(['api']);
    expect(edges(batch)).toEqual([
      'system:default/checkout -part_of-> domain:default/commerce',
      'component:default/checkout-web -depends_on-> component:default/cart-service',
      'component:default/checkout-web -part_of-> system:default/checkout',
      'component:default/checkout-web -depends_on-> api:default/payments-api',
      'component:default/cart-service -depends_on-> resource:default/cart-db',
      'component:default/cart-service -depends_on-> resource:default/session-cache',
      'component:default/cart-service -part_of-> system:default/checkout',
      'component:default/payments -part_of-> component:default/checkout-web',
      'api:default/payments-api -depends_on-> component:default/payments',
      'api:default/payments-api -part_of-> system:default/checkout',
      'resource:default/cart-db -part_of-> system:default/checkout',
      'component:default/legacy-batch -depends_on-> resource:default/mainframe',
      'component:default/legacy-batch -depends_on-> 42',
    ]);
    expect(batch.rejected.map((r) => [r.entity, r.line, r.field])).toEqual([
      ['ci', 113, 'metadata.name'],
      ['ci', 120, 'apiVersion'],
    ]);
    const plan = planned(batch);
    expect(plan.warnings).toContain(
      'catalog-info.yaml:111, document 11 (spec.dependsOn[1]): the target "42" is neither in this file nor in the CMDB; the relationship was not imported',
    );
    expect(plan.leftOut.danglingReferences).toBe(2);
    expect(batch.warnings).toContain('skipped entities that are not CIs: 1 Group, 1 User');
  });

  it('reads the relations of the catalog model: dependencyOf, subdomainOf, Group parents and children as the owner chain', () => {
    const entity = (kind: string, name: string, spec: string) => `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
    const text = [
      entity('Domain', 'commerce', '  owner: org\n'),
      entity('Domain', 'payments', '  owner: org\n  subdomainOf: commerce\n'),
      entity('Component', 'ledger', '  type: service\n  owner: team-ledger\n  dependencyOf: [component:checkout]\n'),
      entity('Resource', 'ledger-db', '  type: database\n  owner: team-ledger\n  dependencyOf: component:ledger\n'),
      entity('Component', 'checkout', '  type: website\n  owner: group:default/unknown-team\n'),
      entity('Group', 'team-ledger', '  type: team\n  parent: finance\n  children: []\n'),
      entity('Group', 'finance', '  type: department\n  children: [team-ledger]\n'),
      entity('Group', 'org', '  type: organisation\n  children: [finance]\n'),
    ].join('---\n');
    const batch = parseBackstage(text, { fileName: 'c.yaml' });
    expect(edges(batch)).toEqual([
      'domain:default/payments -part_of-> domain:default/commerce',
      'component:default/checkout -depends_on-> component:default/ledger',
      'component:default/ledger -depends_on-> resource:default/ledger-db',
    ]);
    const ledger = batch.cis.find((c) => c.name === 'ledger');
    expect(ledger).toMatchObject({ owner: 'team-ledger', attributes: { 'owner.parents': 'finance, org' } });
    expect(batch.cis.find((c) => c.name === 'checkout')?.attributes).not.toHaveProperty('owner.parents');
    expect(batch.warnings).toContain('skipped entities that are not CIs: 3 Group');
  });

  it('parses entity refs with default kinds and namespaces, case-insensitively', () => {
    expect(parseEntityRef('Component:Default/Foo', null, 'default')).toEqual({ kind: 'component', namespace: 'default', name: 'foo' });
    expect(parseEntityRef('resource:bar', null, 'ops')).toEqual({ kind: 'resource', namespace: 'ops', name: 'bar' });
    expect(parseEntityRef('team-a', 'group', 'default')).toEqual({ kind: 'group', namespace: 'default', name: 'team-a' });
    expect(parseEntityRef({}, 'group', 'default')).toBeNull();
  });

  it('refuses the whole file for a document with a YAML error, naming its line and column in the file', () => {
    const text = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ok\n---\nkind: [unclosed\n';
    const e = importError(() => parseBackstage(text, { fileName: 'c.yaml' }));
    expect(e.code).toBe('syntax');
    expect(e.message).toMatch(/^c\.yaml:7:1: document 2 is not valid YAML: Flow sequence .* end with a \]$/);
  });

  it('with skipUnreadable keeps the readable documents and counts the entities lost', () => {
    const text = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ok\n---\nkind: [unclosed\n';
    const batch = parseBackstage(text, { fileName: 'c.yaml', skipUnreadable: true });
    expect(batch.cis.map((c) => c.name)).toEqual(['ok']);
    expect(batch.rejected).toEqual([]);
    expect(batch.leftOut?.unreadableEntities).toBe(1);
  });

  it('refuses YAML that holds no Backstage entity at all', () => {
    expect(importError(() => parseBackstage('apiVersion: v1\nkind: Pod\n', { fileName: 'p.yaml' })).code).toBe('format');
  });
});
