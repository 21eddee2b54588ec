// A long list rendered a slice per animation frame, the first slice at once: a datacenter's
// blast radius lists thousands of rows (631 services, 2,436 redundancy groups on the 100k
// CMDB), and rendering them in one go held the page for a quarter of a second. Slices already
// drawn are not rendered again while the list grows; the finished list is the same as before.
import { Fragment, memo, useEffect, useMemo, useState, type ReactNode } from 'react';

/** Rows per slice (the first slice is drawn with the list, one more each frame). */
export const GROWING_SLICE = 150;

interface ListProps<T> {
  items: readonly T[];
  keyOf(item: T): string;
  row(item: T): ReactNode;
}

function SliceRows<T>({ items, keyOf, row }: ListProps<T>) {
  return (
    <>
      {items.map((item) => (
        <Fragment key={keyOf(item)}>{row(item)}</Fragment>
      ))}
    </>
  );
}

// memo drops the generic parameter; the cast keeps it (the props are the same).
const Slice = memo(SliceRows) as typeof SliceRows;

/**
 * Renders `row(item)` for each item, the first GROWING_SLICE now and a slice more per frame.
 * A new `items` array starts over (memoise it); a new `row` or `keyOf` re-renders every slice drawn.
 */
export function GrowingList<T>({ items, keyOf, row }: ListProps<T>) {
  const slices = useMemo(() => {
    const out: T[][] = [];
    for (let at = 0; at < items.length; at += GROWING_SLICE) out.push(items.slice(at, at + GROWING_SLICE));
    return out;
  }, [items]);
  const [grown, setGrown] = useState({ slices, shown: 1 });
  // A new list starts from its first slice (state derived during render, as React documents).
  if (grown.slices !== slices) setGrown({ slices, shown: 1 });
  const shown = grown.slices === slices ? grown.shown : 1;
  useEffect(() => {
    if (shown >= slices.length) return;
    const frame = requestAnimationFrame(() => setGrown((g) => (g.slices === slices ? { slices, shown: g.shown + 1 } : g)));
    return () => cancelAnimationFrame(frame);
  }, [slices, shown]);
  return (
    <>
      {slices.slice(0, shown).map((slice, i) => (
        <Slice key={i} items={slice} keyOf={keyOf} row={row} />
      ))}
    </>
  );
}
