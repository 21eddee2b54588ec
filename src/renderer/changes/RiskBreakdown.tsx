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
      <table className="risk-bars">
        <tbody>
          {factorBars(risk.factors).map(({ factor, share }) => (
            <tr key={factor.key} data-testid={`risk-factor-${factor.key}`} className={factor.points === 0 ? 'zero' : ''}>
              <th scope="row">{factor.label}</th>
              <td className="risk-bar-cell">
                <span className="risk-bar" style={{ width: `${Math.max(share * 100, factor.points > 0 ? 2 : 0)}%` }} aria-hidden="true" />
              </td>
              <td className="risk-points">{factor.points}</td>
              <td className="risk-detail muted">{factor.detail}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Score</th>
            <td />
            <td className="risk-points">{risk.score}</td>
            <td className="muted">sum of the factors; the weights are in the risk settings</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
