// One problem: its incidents, root-cause CI, known error and workaround (edited in place), status.
import { useState } from 'react';
import type { ProblemStatus } from '../../shared/incidents';
import type { ProblemDetails } from '../../shared/operations';
import { errorMessage } from '../api/api-error';
import { mutate } from '../state/sync';
import { PROBLEM_MOVE_LABELS, PROBLEM_STATUS_LABELS } from './incident-labels';
import { useIncidentsStore } from './incidents-store';
import { PriorityChip } from './PriorityChip';

export function ProblemDetail({ details }: { details: ProblemDetails }) {
  const { problem, allowed, incidents, rootCauseName } = details;
  const [knownError, setKnownError] = useState(problem.knownError);
  const [workaround, setWorkaround] = useState(problem.workaround);
  const [error, setError] = useState<string | null>(null);
  const dirty = knownError !== problem.knownError || workaround !== problem.workaround;

  const run = async (work: () => Promise<ProblemDetails>) => {
    setError(null);
    try {
      useIncidentsStore.getState().showProblem(await work());
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const move = (to: ProblemStatus) => run(async () => (await mutate('problem.transition', { id: problem.id, to })).value);
  const save = () => run(async () => (await mutate('problem.update', { id: problem.id, patch: { knownError, workaround } })).value);

  return (
    <article className="change-detail" data-testid="problem-detail" aria-label={`${problem.number} ${problem.title}`}>
      <header className="change-detail-head">
        <div className="row" style={{ gap: 8 }}>
          <span className="mono change-number">{problem.number}</span>
          <span className="state-chip">{PROBLEM_STATUS_LABELS[problem.status]}</span>
        </div>
        <h2 className="change-title">{problem.title}</h2>
        <div className="row" style={{ gap: 6 }}>
          {allowed.map((to) => (
            <button key={to} type="button" className="btn btn-small" data-testid={`problem-move-${to}`} onClick={() => void move(to)}>
              {PROBLEM_MOVE_LABELS[to]}
            </button>
          ))}
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </header>
      <section className="detail-section">
        <dl className="fields">
          <dt>Root-cause CI</dt>
          <dd data-testid="problem-root-cause">{rootCauseName ?? <span className="muted">not known yet</span>}</dd>
          {problem.description && (
            <>
              <dt>Description</dt>
              <dd className="prose">{problem.description}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="detail-section" data-testid="problem-incidents">
        <h3>Incidents ({incidents.length})</h3>
        <ul className="cause-list">
          {incidents.map(({ incident }) => (
            <li key={incident.id} className="row" style={{ gap: 6 }}>
              <PriorityChip priority={incident.priority} />
              <button type="button" className="link" onClick={() => useIncidentsStore.getState().select(incident.id)}>
                {incident.number} {incident.title}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="detail-section stack" style={{ gap: 8 }}>
        <label className="stack" style={{ gap: 4 }}>
          <span className="label">Known error</span>
          <textarea className="input" rows={2} data-testid="problem-known-error" value={knownError} onChange={(event) => setKnownError(event.target.value)} />
        </label>
        <label className="stack" style={{ gap: 4 }}>
          <span className="label">Workaround</span>
          <textarea className="input" rows={2} data-testid="problem-workaround" value={workaround} onChange={(event) => setWorkaround(event.target.value)} />
        </label>
        <div>
          <button type="button" className="btn btn-primary btn-small" data-testid="problem-save" disabled={!dirty} onClick={() => void save()}>
            Save
          </button>
        </div>
      </section>
    </article>
  );
}
