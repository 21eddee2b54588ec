// "Save as change request…" in the simulation panel: opens the change form with the simulation's
// targets and modes, so what the user just looked at becomes a change the CAB can review.
import { useImpactStore } from '../impact/impact-store';
import { useViewStore } from '../state/view-store';

export function SaveAsChangeButton() {
  const targets = useImpactStore((s) => s.targets);
  const result = useImpactStore((s) => s.result);
  const openDialog = useViewStore((s) => s.openDialog);
  const names = new Map(result?.targets.map((t) => [t.ciId, t.name]) ?? []);
  return (
    <button
      type="button"
      className="btn btn-primary btn-small save-as-change"
      data-testid="save-as-change"
      title="Record this simulation as a change request (targets and modes filled in)"
      onClick={() => openDialog({ kind: 'change-create', targets: targets.map((t) => ({ ...t, name: names.get(t.ciId) ?? null })) })}
    >
      Save as change request…
    </button>
  );
}
