// The answer to "which CI would explain these incidents?": candidates ranked by how many incidents
// their failure explains, then by how few other services it would hit, each with its paths; the
// first can be shown on the graph (its blast radius) or become a problem with those incidents.
import { useState } from 'react';
import type { CommonCauseAnswer } from '../../shared/operations';
import { errorMessage } from '../api/api-error';
import { useImpactStore } from '../impact/impact-store';
import { mutate } from '../state/sync';
import { useWorkspaceStore } from '../state/workspace-store';
import { pathText } from './IncidentDetail';
import { useIncidentsStore } from './incidents-store';

export function CommonCausePanel({ answer }: { answer: CommonCauseAnswer }) {
  const [error, setError] = useState<string | null>(null);
  const numbers = new Map(answer.incidents.map((i) => [i.id, i.number]));
  const clear = useIncidentsStore((s) => s.clearCommonCause);

  const showOnGraph = (ciId: string) => {
    void useImpactStore.getState().simulate([ciId], 'down');
    useWorkspaceStore.getState().setWorkspace('explore');
  };
  const createProblem = async (candidate: CommonCauseAnswer['candidates'][number]) => {
    setError(null);
    try {
      const saved = await mutate('problem.create', {
        problem: { title: `Common cause: ${candidate.name}`, incidentIds: candidate.explains, rootCauseCiId: candidate.ciId, description: answer.summary },
      });
      useIncidentsStore.getState().clearCommonCause();
      useIncidentsStore.getState().showProblem(saved.value);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section className="common-cause" aria-label="Common cause" data-testid="common-cause">
      <div className="row">
        <h3 style={{ margin: 0, flex: 1 }}>Common cause of {answer.incidents.length} incidents</h3>
        <button type="button" className="btn btn-small" onClick={clear}>
          Close
        </button>
      </div>
      <p data-testid="common-cause-summary">
        <strong>{answer.summary}</strong>
      </p>
      {!answer.complete && (
        <p className="muted" role="status">
          Ranked from the {answer.checked} most promising CIs: the search stopped there, and a CI not checked could still rank higher.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ol className="cause-list">
        {answer.candidates.slice(0, 5).map((candidate, rank) => (
          <li key={candidate.ciId} className={rank === 0 ? 'best-cause' : ''} data-testid={`candidate-${candidate.ciId}`}>
            <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
              <strong>{candidate.name}</strong>
              <span className="muted">
                explains {candidate.explains.length} of {answer.incidents.length}
                {candidate.leftOver.length > 0 && ` · not ${candidate.leftOver.map((id) => numbers.get(id) ?? id).join(', ')}`} · {candidate.otherServices} other services hit
                {candidate.atRiskOtherServices > 0 && ` (${candidate.atRiskOtherServices} only at risk)`}
              </span>
              {rank > 0 && (
                <button type="button" className="link" onClick={() => showOnGraph(candidate.ciId)}>
                  Show on graph
                </button>
              )}
            </div>
            {rank === 0 && (
              <div className="row" style={{ gap: 6, margin: '4px 0' }}>
                <button type="button" className="btn btn-small" data-testid="cause-on-graph" onClick={() => showOnGraph(candidate.ciId)}>
                  Show on graph
                </button>
                <button type="button" className="btn btn-small btn-primary" data-testid="cause-to-problem" onClick={() => void createProblem(candidate)}>
                  Create problem from it
                </button>
              </div>
            )}
            {rank === 0 && (
              <ul className="cause-paths">
                {candidate.paths.map((p) => (
                  <li key={p.incidentId}>
                    <span className="mono">{numbers.get(p.incidentId) ?? p.incidentId}</span> <span className="muted">{pathText(p.path, answer.names)}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {answer.candidates.length === 0 && <p className="muted">No single CI explains two or more of these incidents.</p>}
    </section>
  );
}
