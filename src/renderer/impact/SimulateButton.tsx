// The toolbar's "Simulate change" button: simulates the selected CIs going down (the panel then
// switches each target between down and degraded).
import { useViewStore } from '../state/view-store';
import { simulateSelection, useImpactStore } from './impact-store';

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);

export function SimulateButton() {
  const selected = useViewStore((s) => s.selection.length);
  const active = useImpactStore((s) => s.active);
  const title =
    selected === 0
      ? 'Select one or more CIs first, then simulate what a change to them would impact'
      : `Simulate the ${selected === 1 ? 'selected CI' : `${selected} selected CIs`} going down (${IS_MAC ? '⌘' : 'Ctrl+'}I or S; right-click a CI for more)`;
  return (
    <button
      type="button"
      className={`btn tb-button${active ? ' btn-primary' : ''}`}
      aria-label="Simulate change"
      data-testid="simulate-change"
      disabled={selected === 0}
      title={title}
      onClick={() => simulateSelection('down')}
    >
      <span aria-hidden="true">⚡</span>
      <span className="tb-text">Simulate change</span>
    </button>
  );
}
