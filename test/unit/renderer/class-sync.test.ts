// syncClasses (src/renderer/graph/class-sync.ts): an overlay's classes set exactly, touching only
// the elements whose classes change (each touched element is restyled by Cytoscape).
import cytoscape, { type Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { syncClasses } from '../../../src/renderer/graph/class-sync';

const FAMILY = ['mark-a', 'mark-b', 'dim'] as const;

function graph(): Core {
  return cytoscape({
    headless: true,
    elements: [
      { data: { id: 'n1' }, classes: 'mark-a keep' },
      { data: { id: 'n2' }, classes: 'dim' },
      { data: { id: 'n3' } },
      { data: { id: 'e1', source: 'n1', target: 'n2' }, classes: 'dim' },
    ],
  });
}

function classesOf(cy: Core): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  cy.elements().forEach((el) => void (out[el.id()] = el.classes().slice().sort()));
  return out;
}

describe('syncClasses', () => {
  it('leaves each element with exactly its wanted classes of the family, others kept', () => {
    const cy = graph();
    const wanted: Record<string, string[]> = { n1: ['mark-b'], n2: ['dim'], n3: ['mark-a', 'dim'], e1: [] };
    syncClasses(cy, cy.elements(), FAMILY, (el) => wanted[el.id()]);
    expect(classesOf(cy)).toEqual({ n1: ['keep', 'mark-b'], n2: ['dim'], n3: ['dim', 'mark-a'], e1: [] });
  });

  it('touches only the elements whose classes change', () => {
    const cy = graph();
    const touched: string[] = [];
    cy.on('class', (event) => void touched.push(event.target.id()));
    syncClasses(cy, cy.elements(), FAMILY, (el) => (el.id() === 'n3' ? ['dim'] : el.classes().filter((c) => c !== 'keep')));
    expect(touched).toEqual(['n3']);
    touched.length = 0;
    syncClasses(cy, cy.elements(), FAMILY, (el) => (el.id() === 'n3' ? ['dim'] : el.classes().filter((c) => c !== 'keep')));
    expect(touched).toEqual([]);
  });
});
