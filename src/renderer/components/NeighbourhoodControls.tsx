// Neighbourhood view: only the selected CI and its N hops, in, out or both directions.
import type { Direction } from '../../shared/operations';
import { useDataStore } from '../state/data-store';
import { primarySelection, useViewStore } from '../state/view-store';

const DIRECTIONS: { value: Direction; label: string; title: string }[] = [
  { value: 'in', label: 'In', title: 'Relationships pointing at the CI' },
  { value: 'out', label: 'Out', title: 'Relationships leaving the CI' },
  { value: 'both', label: 'Both', title: 'Both directions' },
];

export function NeighbourhoodControls() {
  const neighbourhood = useViewStore((s) => s.neighbourhood);
  const setNeighbourhood = useViewStore((s) => s.setNeighbourhood);
  const primary = useViewStore(primarySelection);
  const view = useDataStore((s) => s.view);
  const centreName =
    view?.nodes.find((n) => n.id === neighbourhood.ciId)?.name ?? (neighbourhood.ciId ? neighbourhood.ciId : null);
  const canEnable = Boolean(primary ?? view?.focusCiId);

  return (
    <section className="panel-section" data-testid="neighbourhood">
      <h2>Neighbourhood</h2>
      <label className="switch" title={canEnable ? '' : 'Select a CI first'}>
        <input
          type="checkbox"
          data-testid="neighbourhood-toggle"
          checked={neighbourhood.enabled}
          disabled={!neighbourhood.enabled && !canEnable}
          onChange={(event) =>
            setNeighbourhood(
              event.target.checked ? { enabled: true, ciId: primary ?? view?.focusCiId ?? null } : { enabled: false },
            )
          }
        />
        Only the selected CI and its neighbours
      </label>
      {neighbourhood.enabled && (
        <div className="stack" style={{ marginTop: 10 }}>
          <div className="muted">
            Around <strong data-testid="neighbourhood-centre">{centreName}</strong>
          </div>
          {primary && primary !== neighbourhood.ciId && (
            <button type="button" className="btn btn-small" data-testid="neighbourhood-refocus" onClick={() => setNeighbourhood({ ciId: primary })}>
              Centre on the selected CI
            </button>
          )}
          <label className="row">
            <span style={{ width: 70 }}>Depth {neighbourhood.depth}</span>
            <input
              type="range"
              min={1}
              max={6}
              step={1}
              value={neighbourhood.depth}
              data-testid="neighbourhood-depth"
              aria-label="Depth in hops"
              onChange={(event) => setNeighbourhood({ depth: Number(event.target.value) })}
            />
          </label>
          <div className="row">
            <span style={{ width: 70 }}>Direction</span>
            <div className="segmented" role="group" aria-label="Direction">
              {DIRECTIONS.map((d) => (
                <button
                  key={d.value}
                  type="button"
                  title={d.title}
                  aria-pressed={neighbourhood.direction === d.value}
                  data-testid={`neighbourhood-direction-${d.value}`}
                  onClick={() => setNeighbourhood({ direction: d.value })}
                >
                  {d.label}
                </button>
              ))}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
