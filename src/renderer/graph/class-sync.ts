// Sets a family of classes (an overlay's) on elements, touching only the elements whose classes
// change: Cytoscape's addClass/removeClass restyle every element they are given, even one that
// already had (or lacked) the class, and a restyle of a whole 1,000-node view is a long task.
import type { Collection, Core, SingularElementArgument } from 'cytoscape';

/**
 * Gives each element of `eles` exactly the classes `wanted(element)` out of `family`
 * (classes outside the family are left alone). Batched: one restyle per changed element.
 */
export function syncClasses(
  cy: Core,
  eles: Collection,
  family: readonly string[],
  wanted: (element: SingularElementArgument) => readonly string[],
): void {
  const add = new Map<string, Collection>();
  const remove = new Map<string, Collection>();
  const push = (into: Map<string, Collection>, cls: string, el: SingularElementArgument) => {
    const list = into.get(cls);
    if (list) list.merge(el);
    else into.set(cls, cy.collection().merge(el));
  };
  eles.forEach((el) => {
    const want = wanted(el);
    for (const cls of family) {
      const has = el.hasClass(cls);
      if (has === want.includes(cls)) continue;
      push(has ? remove : add, cls, el);
    }
  });
  if (add.size === 0 && remove.size === 0) return;
  cy.batch(() => {
    for (const [cls, list] of remove) list.removeClass(cls);
    for (const [cls, list] of add) list.addClass(cls);
  });
}
