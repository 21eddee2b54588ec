// A change's risk band and score as a coloured chip ("High · 58").
import type { RiskBand } from '../../shared/risk';
import { BAND_LABELS } from './change-labels';

export function RiskChip({ band, score }: { band: RiskBand; score: number }) {
  return (
    <span className={`risk-chip risk-${band}`} data-testid="risk-chip" title={`Risk ${BAND_LABELS[band]}, score ${score}`}>
      {BAND_LABELS[band]} · {Math.round(score)}
    </span>
  );
}

export function StateChip({ label, state }: { label: string; state: string }) {
  return <span className={`state-chip state-${state}`}>{label}</span>;
}
