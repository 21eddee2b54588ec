// Messages across the top of the workspace: why the view is limited, and the last error.
import { useImpactStore } from '../impact/impact-store';
import { NONE, useDataStore } from '../state/data-store';

export function NoticeBanner() {
  const notice = useDataStore((s) => s.view?.notice ?? null);
  // It speaks of the Explore view: not shown while a simulation draws its own (its panel explains that one).
  const simulationDrawn = useImpactStore((s) => s.view !== null);
  if (!notice || simulationDrawn) return null;
  return (
    <div className="banner" role="status" data-testid="view-notice">
      <strong>Limited view.</strong> <span>{notice}</span>
    </div>
  );
}

export function ErrorBanner() {
  const error = useDataStore((s) => s.error);
  const warnings = useDataStore((s) => s.info?.warnings ?? NONE);
  const setError = useDataStore((s) => s.setError);
  return (
    <>
      {warnings.map((warning) => (
        <div key={warning} className="banner" role="status" data-testid="doc-warning">
          <strong>When opening this file:</strong> <span>{warning}</span>
        </div>
      ))}
      {error && (
        <div className="banner banner-error" role="alert" data-testid="error-banner">
          <span>{error}</span>
          <button type="button" className="btn btn-small" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
