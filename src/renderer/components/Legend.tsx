// What the picture means: the classes and relationship types on screen, soft = dashed,
// criticality = border weight, planned/retired styling.
import { useMemo } from 'react';
import type { CiClass, RelationshipType } from '../../shared/model';
import { CI_CLASSES, RELATIONSHIP_TYPES } from '../../shared/model';
import { CLASS_STYLES, CRITICALITY_BORDER, CRITICALITY_LABELS, RELATIONSHIP_STYLES } from '../graph/class-style';
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';
import { ClassIcon } from './ClassIcon';

export function Legend() {
  const view = useDataStore((s) => s.view);
  const theme = useViewStore((s) => s.theme);
  const open = useViewStore((s) => s.panels.legend);
  const toggle = useViewStore((s) => s.togglePanel);
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
  if (!open) {
    return (
      <button type="button" className="btn btn-small graph-overlay" style={{ left: 12, bottom: 12 }} onClick={() => toggle('legend')}>
        Show legend
      </button>
    );
  }
  return (
    <section className="legend graph-overlay" aria-label="Legend" data-testid="legend">
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
      <div className="legend-col">
        <h3 className="row">
          <span>Criticality</span>
          <span className="spacer" />
          <button type="button" className="link" onClick={() => toggle('legend')} title="Hide the legend">
            Hide
          </button>
        </h3>
        {[1, 2, 3, 4].map((c) => (
          <span key={c} className="legend-item">
            <span className="legend-crit" style={{ borderWidth: Math.max(1, CRITICALITY_BORDER[c] * 0.6) }} />
            {CRITICALITY_LABELS[c]}
          </span>
        ))}
        <span className="legend-item faint">Thicker border = more critical</span>
      </div>
    </section>
  );
}
