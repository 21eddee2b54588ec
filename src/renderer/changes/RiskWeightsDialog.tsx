// Risk settings: every weight of the change risk score, edited in one form (journaled, so undo
// restores the previous weights), and "Restore defaults" (the ones README.md explains).
import { useEffect, useState, type FormEvent } from 'react';
import type { RiskWeights } from '../../shared/risk';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { Modal } from '../components/Modal';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { WEIGHT_ROWS, weightAt, withWeight } from './risk-weights-form';

export function RiskWeightsDialog() {
  const close = useViewStore((s) => s.closeDialog);
  const [weights, setWeights] = useState<RiskWeights | null>(null);
  const [isDefault, setIsDefault] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.call('risk.getWeights', {}).then(
      (answer) => {
        setWeights(answer.weights);
        setIsDefault(answer.isDefault);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);

  const save = async (next: RiskWeights | null) => {
    setBusy(true);
    setError(null);
    try {
      await mutate('risk.setWeights', { weights: next });
      close();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (weights) void save(weights);
  };

  const groups = [...new Set(WEIGHT_ROWS.map((r) => r.group))];
  return (
    <Modal
      title="Risk settings"
      onClose={close}
      testId="risk-weights"
      className="modal-wide"
      footer={
        <>
          <button type="button" className="btn" disabled={busy || isDefault} data-testid="risk-defaults" onClick={() => void save(null)}>
            Restore defaults
          </button>
          <span className="spacer" />
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="risk-weights-form" className="btn btn-primary" disabled={busy || !weights} data-testid="risk-weights-save">
            Save weights
          </button>
        </>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        Points each factor adds to a change's risk score; the bands start at the scores below. Every change's risk is computed again at once.
      </p>
      {error && (
        <div className="form-error" role="alert" data-testid="form-error">
          {error}
        </div>
      )}
      {weights && (
        <form id="risk-weights-form" noValidate onSubmit={submit} className="weights-grid">
          {groups.map((group) => (
            <fieldset key={group} className="weights-group">
              <legend>{group}</legend>
              {WEIGHT_ROWS.filter((r) => r.group === group).map((row) => (
                <label key={row.path.join('.')} className="weights-row">
                  <span>{row.label}</span>
                  <input
                    className="input"
                    type="number"
                    min={row.path[0] === 'lookbackDays' ? 1 : 0}
                    step="any"
                    data-testid={`weight-${row.path.join('.')}`}
                    value={weightAt(weights, row.path)}
                    onChange={(event) => setWeights(withWeight(weights, row.path, event.target.valueAsNumber))}
                  />
                </label>
              ))}
            </fieldset>
          ))}
        </form>
      )}
    </Modal>
  );
}
