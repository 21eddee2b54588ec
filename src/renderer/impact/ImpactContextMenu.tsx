// The right-click menu on a graph node: simulate the selection going down or degraded, show what
// the CI stands on, and (for a service) its single points of failure.
import { useEffect, useRef } from 'react';
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';
import { isServiceClass } from './impact-model';
import { useImpactStore } from './impact-store';
import './impact.css';

export function ImpactContextMenu() {
  const menu = useImpactStore((s) => s.contextMenu);
  const close = useImpactStore((s) => s.closeContextMenu);
  const ref = useRef<HTMLDivElement>(null);
  const simView = useImpactStore((s) => s.view);
  const exploreView = useDataStore((s) => s.view);

  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector('button')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        close();
      }
    };
    const onDown = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) close();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('mousedown', onDown, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('mousedown', onDown, true);
    };
  }, [menu, close]);

  if (!menu) return null;
  const ci = (simView ?? exploreView)?.nodes.find((n) => n.id === menu.ciId);
  const selection = useViewStore.getState().selection;
  const targets = selection.includes(menu.ciId) ? selection : [menu.ciId];
  const what = targets.length > 1 ? `${targets.length} selected CIs` : (ci?.name ?? menu.ciId);
  const act = (work: () => Promise<void>) => {
    close();
    void work();
  };
  const impact = useImpactStore.getState();
  return (
    <div
      ref={ref}
      className="menu impact-menu graph-overlay"
      role="menu"
      data-testid="impact-context-menu"
      style={{ left: menu.x + 4, top: menu.y + 4 }}
    >
      <div className="menu-label">{what}</div>
      <button type="button" role="menuitem" className="menu-item" data-testid="context-simulate-down" onClick={() => act(() => impact.simulate(targets, 'down'))}>
        Simulate change: down
      </button>
      <button
        type="button"
        role="menuitem"
        className="menu-item"
        data-testid="context-simulate-degraded"
        onClick={() => act(() => impact.simulate(targets, 'degraded'))}
      >
        Simulate change: degraded
      </button>
      <button
        type="button"
        role="menuitem"
        className="menu-item"
        data-testid="context-dependencies"
        onClick={() =>
          act(() => impact.inspect('dependencies', menu.ciId))
        }
      >
        What it stands on (dependencies)
      </button>
      {isServiceClass(ci?.class) && (
        <button
          type="button"
          role="menuitem"
          className="menu-item"
          data-testid="context-spof"
          onClick={() =>
            act(() => impact.inspect('spof', menu.ciId))
          }
        >
          Single points of failure
        </button>
      )}
    </div>
  );
}
