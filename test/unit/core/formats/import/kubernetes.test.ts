// Kubernetes manifests.
import { describe, expect, it } from 'vitest';
import { hostOfEnvValue, parseKubernetes } from '../../../../../src/core/formats/import';
import { edges, fixture, importError, planned } from './fixtures';

describe('parseKubernetes', () => {
  it('reads the fixture: 9 objects, selector and ingress edges, env-inferred edges marked inferred, Secret unread', () => {
    const batch = parseKubernetes(fixture('kubernetes/manifests.yaml'), { fileName: 'k8s.yaml' });
    expect(batch.cis.map((c) => [c.key, c.class, c.sourceRef.line])).toEqual([
      ['shop/deployment/frontend', 'application', 6],
      ['shop/deployment/cart', 'application', 33],
      ['shop/statefulset/redis-cart', 'cache', 52],
      ['shop/deployment/currency', 'application', 69],
      ['shop/service/frontend', 'technical_service', 88],
      ['shop/service/cart', 'technical_service', 94],
      ['shop/service/redis-cart', 'technical_service', 101],
      ['shop/service/currency', 'technical_service', 110],
      ['shop/ingress/shop', 'load_balancer', 119],
    ]);
    expect(batch.cis[0].attributes).toEqual({ kind: 'Deployment', namespace: 'shop', image: 'registry.example.com/shop/frontend:1.4', replicas: '3' });
    expect(edges(batch)).toEqual([
      'shop/service/frontend -depends_on-> shop/deployment/frontend',
      'shop/service/cart -depends_on-> shop/deployment/cart',
      'shop/service/redis-cart -depends_on-> shop/statefulset/redis-cart',
      'shop/service/currency -depends_on-> shop/deployment/currency',
      'shop/ingress/shop -depends_on-> shop/service/frontend',
      'shop/ingress/shop -depends_on-> shop/service/legacy',
      'shop/deployment/frontend -depends_on(inferred)-> shop/service/cart',
      'shop/deployment/frontend -depends_on(inferred)-> shop/service/currency',
      'shop/deployment/cart -depends_on(inferred)-> shop/service/redis-cart',
    ]);
    expect(batch.relationships[6].sourceRef.line).toBe(23);
    expect(batch.rejected.map((r) => [r.entity, r.line, r.field ?? null])).toEqual([
      ['ci', 146, 'metadata.name'],
      ['ci', 152, null],
    ]);
    expect(planned(batch).warnings).toContain(
      'k8s.yaml:135, document 9 (spec.rules[0].http.paths[1].backend): the target "shop/service/legacy" is neither in this file nor in the CMDB; the relationship was not imported',
    );
    expect(batch.warnings).toContain('skipped objects that are not CIs here: 1 Namespace, 1 Secret');
    expect(JSON.stringify(batch)).not.toContain('aHVudGVyMg==');
  });

  it('reads Service hosts out of env values', () => {
    expect(hostOfEnvValue('cart:7070')).toEqual({ name: 'cart' });
    expect(hostOfEnvValue('http://user:pw@Cart.Shop:80/x')).toEqual({ name: 'cart', namespace: 'shop' });
    expect(hostOfEnvValue('cart.shop.svc.cluster.local')).toEqual({ name: 'cart', namespace: 'shop' });
    expect(hostOfEnvValue('db.example.com')).toBeNull();
    expect(hostOfEnvValue('not a host')).toBeNull();
  });

  it('matches selectors only within the namespace, and legacy Ingress serviceName backends', () => {
    const text = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: a}\nspec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{image: x}]}}}',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: b}\nspec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{image: x}]}}}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: a}\nspec: {selector: {app: api}}',
      'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: web, namespace: a}\nspec: {backend: {serviceName: api, servicePort: 80}}',
    ].join('\n---\n');
    expect(edges(parseKubernetes(text, { fileName: 'k.yaml' }))).toEqual(['a/service/api -depends_on-> a/deployment/api', 'a/ingress/web -depends_on-> a/service/api']);
  });

  it('refuses YAML with no Kubernetes object', () => {
    expect(importError(() => parseKubernetes('a: 1\n---\nb: 2\n', { fileName: 'k.yaml' })).code).toBe('format');
  });
});
