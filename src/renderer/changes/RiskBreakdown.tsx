// The risk score explained: one bar per factor, its points and what was counted.
import type { RiskAssessment } from '../../shared/risk';
import { factorBars } from './change-impact-model';
import { RiskChip } from './RiskChip';

export function RiskBreakdown({ risk }: { risk: RiskAssessment }) {
  return (
    <section className="detail-section" aria-labelledby="risk-head" data-testid="risk-breakdown">
      <h3 id="risk-head">
        Risk <RiskChip band={risk.band} score={risk.score} />
      </h3>
      <ol className="risk-rows">
        {factorBars(risk.factors).map(({ factor, share }) => (
          <li key={factor.key} data-testid={`risk-factor-${factor.key}`} className={`risk-row${factor.points === 0 ? ' zero' : ''}`}>
            <span className="risk-label">{factor.label}</span>
            <span className="risk-track" aria-hidden="true">
              <span className="risk-bar" style={{ width: `${Math.max(share * 100, factor.points > 0 ? 2 : 0)}%` }} />
            </span>
            <span className="risk-points">{factor.points}</span>
            <span className="risk-detail muted">{factor.detail}</span>
          </li>
        ))}
        <li className="risk-row risk-total">
          <span className="risk-label">Score (the sum; weights in the risk settings)</span>
          <span />
          <span className="risk-points" data-testid="risk-score">{risk.score}</span>
        </li>
      </ol>
    </section>
  );
}
