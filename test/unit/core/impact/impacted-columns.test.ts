// The impacted CIs of a result come as paged columns (src/shared/impact-types.ts): a result
// larger than one page must read back entry for entry, in order, across page boundaries.
import { describe, expect, it } from 'vitest';
import { CmdbGraph } from '../../../../src/core/graph';
import { blastRadius } from '../../../../src/core/impact';
import {
  IMPACTED_PAGE_SIZE,
  impactedAt,
  impactedColumns,
  impactedIds,
  impactedList,
  explanationPath,
} from '../../../../src/shared/impact-types';
import type { Relationship } from '../../../../src/shared/model';
import { typedArraysAsLists } from '../../../../src/node/server/server';
import { makeCi } from './impact-helpers';

describe('paged impacted columns', () => {
  // app0…app(n-1) depends_on hub; svc depends_on app(n-1)   ⇒   hub ✗ → n apps down at depth 1, svc down at depth 2
  const n = IMPACTED_PAGE_SIZE * 2 + 17;
  const apps = Array.from({ length: n }, (_, i) => makeCi(`app${String(i).padStart(5, '0')}`));
  const cis = [makeCi('hub', { class: 'storage' }), ...apps, makeCi('svc', { class: 'business_service', criticality: 1 })];
  const rels: Relationship[] = apps.map((a, i) => ({ id: `r${i}`, source: a.id, target: 'hub', type: 'depends_on', strength: 'hard' }));
  rels.push({ id: 'rsvc', source: 'svc', target: apps[n - 1].id, type: 'depends_on', strength: 'hard' });
  const graph = new CmdbGraph(cis, rels);
  const result = blastRadius(graph, { targets: [{ ciId: 'hub', mode: 'down' }] });

  it('holds every impacted CI once, in three pages, in result order (depth, then name)', () => {
    expect(result.impacted.count).toBe(n + 1);
    expect(result.impacted.pages).toHaveLength(3);
    const ids = impactedIds(result.impacted);
    expect(ids).toEqual([...apps.map((a) => a.id), 'svc']);
    const list = impactedList(result.impacted);
    expect(list.map((c) => c.id)).toEqual(ids);
    expect(list.every((c) => c.level === 'down')).toBe(true);
    expect(list[n]).toMatchObject({ id: 'svc', depth: 2, via: { from: apps[n - 1].id, relationshipId: 'rsvc' } });
  });

  it('reads single entries on both sides of a page boundary and refuses one out of range', () => {
    const list = impactedList(result.impacted);
    for (const k of [0, IMPACTED_PAGE_SIZE - 1, IMPACTED_PAGE_SIZE, 2 * IMPACTED_PAGE_SIZE, n]) {
      expect(impactedAt(result.impacted, k)).toEqual(list[k]);
    }
    expect(() => impactedAt(result.impacted, n + 1)).toThrow(RangeError);
  });

  it('keeps the code columns as typed arrays, which the HTTP adapter sends as plain arrays', () => {
    const page = result.impacted.pages[0];
    for (const column of [page.class, page.criticality, page.level, page.depth, page.viaType, page.viaStrength]) {
      expect(ArrayBuffer.isView(column)).toBe(true);
    }
    const sent = JSON.parse(JSON.stringify(result, typedArraysAsLists)) as typeof result;
    expect(Array.isArray(sent.impacted.pages[0].level)).toBe(true);
    expect(Array.from(sent.impacted.pages[2].depth)).toEqual(Array.from(result.impacted.pages[2].depth));
  });

  it('survives JSON (the HTTP adapter) and converts back from a list', () => {
    const copy = JSON.parse(JSON.stringify(result, typedArraysAsLists)) as typeof result;
    expect(impactedList(copy.impacted)).toEqual(impactedList(result.impacted));
    expect(explanationPath(copy, 'svc')?.path).toEqual(['hub', apps[n - 1].id, 'svc']);
    expect(impactedColumns(impactedList(result.impacted))).toEqual(result.impacted);
  });
});
