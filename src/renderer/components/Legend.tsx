// What the picture means: the classes and relationship types on screen, soft = dashed,
// criticality = border weight. One line in the strip below the canvas (LegendStrip); what does
// not fit waits behind "+N more" (LegendLine).
import { useMemo, type ReactNode } from 'react';
import type { CiClass, RelationshipType } from '../../shared/model';
import { CI_CLASSES, RELATIONSHIP_TYPES } from '../../shared/model';
import { CLASS_STYLES, CRITICALITY_BORDER, CRITICALITY_LABELS, RELATIONSHIP_STYLES } from '../graph/class-style';
import { useShownView } from '../hooks/useShownView';
import { useViewStore } from '../state/view-store';
import { ClassIcon } from './ClassIcon';
import { useGroupedNeighbourhood } from '../graph/useGroupedNeighbourhood';
import { groupSummary } from '../graph/neighbourhood-groups';
import { LegendLine, type LegendEntry } from './LegendLine';

export function Legend() {
  const view = useShownView();
  const theme = useViewStore((s) => s.theme);
  const grouped = useGroupedNeighbourhood();
  const entries = useMemo((): LegendEntry[] => {
    const classSet = new Set<string>(view?.nodes.map((n) => n.class));
    const typeSet = new Set<string>(view?.edges.map((e) => e.type));
    const classes = CI_CLASSES.filter((c) => classSet.has(c)) as CiClass[];
    const types = RELATIONSHIP_TYPES.filter((t) => typeSet.has(t)) as RelationshipType[];
    const hasSoft = view?.edges.some((e) => e.strength === 'soft') ?? false;
    const list: LegendEntry[] = [];
    if (grouped) {
      list.push({ key: 'h-groups', heading: true, content: 'Grouped' }, { key: 'groups', testId: 'legend-groups', content: <><span className="legend-group" />{groupSummary(grouped)}</> });
    }
    list.push({ key: 'h-classes', heading: true, content: 'CI classes' });
    for (const c of classes) {
      list.push({ key: `c-${c}`, testId: `legend-class-${c}`, content: <><ClassIcon ciClass={c} small /> {CLASS_STYLES[c].label}</> });
    }
    if (types.length) list.push({ key: 'h-types', heading: true, content: 'Relationships: source → target' });
    for (const t of types) {
      list.push({ key: `t-${t}`, content: <><span className="legend-line" style={{ color: RELATIONSHIP_STYLES[t].colour[theme] }} />{RELATIONSHIP_STYLES[t].label}</> });
    }
    if (hasSoft) list.push({ key: 'soft', content: <><span className="legend-line dashed" style={{ color: 'var(--text-muted)' }} />Soft (dashed)</> });
    list.push({ key: 'h-crit', heading: true, content: 'Criticality' });
    list.push({ key: 'crit', title: 'Thicker border = more critical', content: criticalityScale() });
    return list;
  }, [view, theme, grouped]);

  if (!view || view.nodes.length === 0) return null;
  return <LegendLine entries={entries} label="Legend" testId="legend" />;
}

/** 1 … 4 as border weights in one entry: "thicker border = more critical". */
function criticalityScale(): ReactNode {
  return (
    <>
      {[1, 2, 3, 4].map((c) => (
        <span key={c} className="legend-crit-step" title={CRITICALITY_LABELS[c]}>
          <span className="legend-crit" style={{ borderWidth: Math.max(1, CRITICALITY_BORDER[c] * 0.6) }} />
          {c}
        </span>
      ))}
      <span className="legend-note">thicker = more critical</span>
    </>
  );
}

/** The strip under the canvas holding the legend; its toggle hides it (the canvas takes its line back). */
export function LegendStrip({ children }: { children: ReactNode }) {
  const open = useViewStore((s) => s.panels.legend);
  if (!open) return null;
  return (
    <div className="legend-strip" data-testid="legend-strip">
      <LegendToggle />
      {children}
    </div>
  );
}

/** Hides the legend (in the strip) or shows it again (among the canvas's controls, where no node is drawn). */
export function LegendToggle({ inControls = false }: { inControls?: boolean }) {
  const open = useViewStore((s) => s.panels.legend);
  const toggle = useViewStore((s) => s.togglePanel);
  if (inControls && open) return null;
  const what = open ? 'Hide the legend' : 'Show the legend';
  return (
    <button
      type="button"
      className={inControls ? 'btn' : 'link legend-toggle'}
      data-testid="legend-toggle"
      aria-expanded={open}
      aria-label={what}
      title={what}
      onClick={() => toggle('legend')}
    >
      {open ? '▾' : '☰'}
    </button>
  );
}
