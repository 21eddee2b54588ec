// What the picture means: the classes and relationship types on screen, soft = dashed,
// criticality = border weight, planned/retired styling. It sits in a strip below the canvas
// (LegendStrip) that folds to one line.
import { useMemo, type ReactNode } from 'react';
import type { CiClass, RelationshipType } from '../../shared/model';
import { CI_CLASSES, RELATIONSHIP_TYPES } from '../../shared/model';
import { CLASS_STYLES, CRITICALITY_BORDER, CRITICALITY_LABELS, RELATIONSHIP_STYLES } from '../graph/class-style';
import { useShownView } from '../hooks/useShownView';
import { useViewStore } from '../state/view-store';
import { ClassIcon } from './ClassIcon';

export function Legend() {
  const view = useShownView();
  const theme = useViewStore((s) => s.theme);
  const { classes, types, hasSoft } = useMemo(() => {
    const classSet = new Set<string>(view?.nodes.map((n) => n.class));
    const typeSet = new Set<string>(view?.edges.map((e) => e.type));
    return {
      classes: CI_CLASSES.filter((c) => classSet.has(c)) as CiClass[],
      types: RELATIONSHIP_TYPES.filter((t) => typeSet.has(t)) as RelationshipType[],
      hasSoft: view?.edges.some((e) => e.strength === 'soft') ?? false,
    };
  }, [view]);

  if (!view || view.nodes.length === 0) return null;
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
      <div className="legend-col">
        <h3>CI classes</h3>
        <div className="legend-classes">
          {classes.map((c) => (
            <span key={c} className="legend-item" data-testid={`legend-class-${c}`}>
              <ClassIcon ciClass={c} small /> {CLASS_STYLES[c].label}
            </span>
          ))}
        </div>
      </div>
      <div className="legend-col">
        <h3>Relationships: source → target</h3>
        <div className="legend-types">
          {types.map((t) => (
            <span key={t} className="legend-item">
              <span className="legend-line" style={{ color: RELATIONSHIP_STYLES[t].colour[theme] }} />
              {RELATIONSHIP_STYLES[t].label}
            </span>
          ))}
          {hasSoft && (
            <span className="legend-item">
              <span className="legend-line dashed" style={{ color: 'var(--text-muted)' }} />
              Soft (dashed)
            </span>
          )}
        </div>
        <h3 className="legend-crit-head">Criticality: thicker border = more critical</h3>
        <div className="legend-crits">
          {[1, 2, 3, 4].map((c) => (
            <span key={c} className="legend-item" title={CRITICALITY_LABELS[c]}>
              <span className="legend-crit" style={{ borderWidth: Math.max(1, CRITICALITY_BORDER[c] * 0.6) }} />
              {c}
            </span>
          ))}
        </div>
      </div>
    </section>
  );
}

/** The strip under the canvas holding the legend; its toggle folds it to one line (the canvas grows back). */
export function LegendStrip({ children }: { children: ReactNode }) {
  const open = useViewStore((s) => s.panels.legend);
  const toggle = useViewStore((s) => s.togglePanel);
  return (
    <div className={`legend-strip${open ? '' : ' folded'}`}>
      <button
        type="button"
        className="link legend-toggle"
        data-testid="legend-toggle"
        aria-expanded={open}
        aria-label={open ? 'Hide the legend' : 'Show the legend'}
        title={open ? 'Hide the legend' : 'Show the legend'}
        onClick={() => toggle('legend')}
      >
        {open ? '▾' : '▸ Legend'}
      </button>
      {open && children}
    </div>
  );
}
