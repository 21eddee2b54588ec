// One line of legend entries that never grows taller than one line: the entries that do not fit
// the width are hidden behind a "+N more" button, which unfolds the line into a few (the canvas,
// above it, shrinks instead of being covered). Headings travel with the entry after them.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface LegendEntry {
  key: string;
  content: ReactNode;
  /** A group heading ("CI classes"): hidden with the first entry of its group. */
  heading?: boolean;
  testId?: string;
  title?: string;
}

/** How many entries fit the row: each entry's right edge within the row, a heading never last. */
export function fittingCount(rights: readonly number[], headings: readonly boolean[], width: number): number {
  let count = 0;
  while (count < rights.length && rights[count] <= width + 0.5) count++;
  while (count > 0 && count < rights.length && headings[count - 1]) count--;
  return count;
}

export function LegendLine({ entries, label, testId, className = '' }: { entries: LegendEntry[]; label: string; testId: string; className?: string }) {
  const rowRef = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState(entries.length);
  const [unfolded, setUnfolded] = useState(false);

  useLayoutEffect(() => {
    const row = rowRef.current;
    if (!row) return;
    const measure = () => {
      const left = row.getBoundingClientRect().left;
      const children = [...row.children] as HTMLElement[];
      const rights = children.map((c) => c.getBoundingClientRect().right - left);
      setFit(fittingCount(rights, children.map((c) => c.dataset.heading === 'true'), row.clientWidth));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(row);
    return () => observer.disconnect();
  }, [entries, unfolded]);

  const hidden = unfolded ? 0 : entries.length - fit;
  const hiddenEntries = entries.slice(fit).filter((e) => !e.heading).length;
  return (
    <section className={`legend legend-line-box${unfolded ? ' unfolded' : ''} ${className}`} aria-label={label} data-testid={testId}>
      <div ref={rowRef} className="legend-row" data-testid={`${testId}-row`}>
        {entries.map((entry, i) => (
          <span
            key={entry.key}
            className={`${entry.heading ? 'legend-heading' : 'legend-item'}${!unfolded && i >= fit ? ' legend-folded' : ''}`}
            data-heading={entry.heading ? 'true' : undefined}
            data-testid={entry.testId}
            title={entry.title}
          >
            {entry.content}
          </span>
        ))}
      </div>
      {(hidden > 0 || unfolded) && (
        <button
          type="button"
          className="link legend-more"
          data-testid={`${testId}-more`}
          aria-expanded={unfolded}
          title={unfolded ? 'Show the legend on one line' : 'Show the whole legend'}
          onClick={() => setUnfolded(!unfolded)}
        >
          {unfolded ? 'Less' : `+${hiddenEntries} more`}
        </button>
      )}
    </section>
  );
}
