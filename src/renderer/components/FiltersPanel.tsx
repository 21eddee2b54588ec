// Left panel: neighbourhood view and the filters (class, environment, status, criticality, tag).
import type { CiClass, CiStatus } from '../../shared/model';
import { CRITICALITY_LABELS, classLabel } from '../graph/class-style';
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';
import { FacetGroup } from './FacetGroup';
import { NeighbourhoodControls } from './NeighbourhoodControls';

export function FiltersPanel() {
  const facets = useDataStore((s) => s.facets);
  const filters = useViewStore((s) => s.filters);
  const toggle = useViewStore((s) => s.toggleFilterValue);
  const clear = useViewStore((s) => s.clearFilters);
  const active = Object.values(filters).some((list) => (list?.length ?? 0) > 0);

  return (
    <aside className="panel" aria-label="Filters" data-testid="filters-panel">
      <NeighbourhoodControls />
      <div className="panel-section" style={{ borderBottom: 0, paddingBottom: 0 }}>
        <h2>
          Filters
          {active && (
            <button type="button" className="link" data-testid="clear-filters" onClick={clear}>
              Clear all
            </button>
          )}
        </h2>
      </div>
      {facets && (
        <>
          <FacetGroup
            title="Class"
            name="class"
            values={facets.classes as { value: CiClass; count: number }[]}
            selected={filters.classes ?? []}
            label={classLabel}
            onToggle={(v) => toggle('classes', v)}
          />
          <FacetGroup
            title="Environment"
            name="environment"
            values={facets.environments}
            selected={filters.environments ?? []}
            onToggle={(v) => toggle('environments', v)}
          />
          <FacetGroup
            title="Status"
            name="status"
            values={facets.statuses as { value: CiStatus; count: number }[]}
            selected={filters.statuses ?? []}
            onToggle={(v) => toggle('statuses', v)}
          />
          <FacetGroup
            title="Criticality"
            name="criticality"
            values={facets.criticalities}
            selected={filters.criticalities ?? []}
            label={(v) => CRITICALITY_LABELS[v] ?? String(v)}
            onToggle={(v) => toggle('criticalities', v)}
          />
          <FacetGroup
            title="Tag"
            name="tag"
            values={facets.tags}
            selected={filters.tags ?? []}
            onToggle={(v) => toggle('tags', v)}
          />
        </>
      )}
    </aside>
  );
}
