// The diff drawn on the graph, as a list beside it: CIs and relationships added, removed and
// changed (field by field); click a CI to find it on the graph; export the diff as CSV or JSON.
import { useMemo } from 'react';
import type { Ci, Relationship } from '../../shared/model';
import type { SnapshotDiffResult } from '../../shared/operations';
import { CLASS_STYLES } from '../graph/class-style';
import { useViewStore } from '../state/view-store';
import { useDataUi } from './data-ui-store';
import { downloadBlob, fileStamp } from './download';
import { diffNames, diffToCsv, diffToJson, formatValue, relationshipLabel } from './diff-export';
import { leaveOverlay } from './overlay';
import { formatTime } from './SnapshotsDialog';

/** "Before upgrade (2026-01-05T10:00:00.000Z)" with the time in local words; "now" as "now". */
export function sideLabel(label: string): string {
  return label.replace(/\((\d{4}-\d\d-\d\dT[^)]+)\)$/, (_all, iso: string) => `(${formatTime(iso)})`);
}

function Field({ value }: { value: unknown }) {
  const text = formatValue(value);
  return text ? <span className="value">{text}</span> : <span className="value faint">empty</span>;
}

function CiRow({ ci, mark, onScreen }: { ci: Ci; mark: 'added' | 'removed'; onScreen: boolean }) {
  return (
    <li className={`diff-item diff-${mark}`} data-testid="diff-item" data-mark={mark} data-id={ci.id}>
      <span className={`diff-badge diff-badge-${mark}`}>{mark}</span>
      <FindLink id={ci.id} name={ci.name} enabled={onScreen} />
      <span className="faint">{CLASS_STYLES[ci.class]?.label ?? ci.class}</span>
    </li>
  );
}

function FindLink({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  if (!enabled) return <span className="strong">{name}</span>;
  return (
    <button
      type="button"
      className="link strong"
      title="Find on the graph"
      onClick={() => {
        useViewStore.getState().setSelection([id]);
        useViewStore.getState().requestCentre(id);
      }}
    >
      {name}
    </button>
  );
}

function RelRow({ rel, mark, names }: { rel: Relationship; mark: 'added' | 'removed'; names: Map<string, string> }) {
  return (
    <li className={`diff-item diff-${mark}`} data-testid="diff-item" data-mark={mark} data-id={rel.id}>
      <span className={`diff-badge diff-badge-${mark}`}>{mark}</span>
      <span>{relationshipLabel(rel, names)}</span>
    </li>
  );
}

export function DiffPanel({ result }: { result: SnapshotDiffResult }) {
  const names = useMemo(() => diffNames(result), [result]);
  const shown = useMemo(() => new Set(result.nodes.map((n) => n.id)), [result]);
  const { cis, relationships, counts } = result.diff;
  const empty = cis.added.length + cis.removed.length + cis.changed.length + relationships.added.length + relationships.removed.length + relationships.changed.length === 0;
  const save = (kind: 'csv' | 'json') => {
    const name = `faultline-diff-${fileStamp()}.${kind}`;
    downloadBlob(name, new Blob([kind === 'csv' ? diffToCsv(result) : diffToJson(result)], { type: kind === 'csv' ? 'text/csv' : 'application/json' }));
  };
  return (
    <aside className="diff-panel" data-testid="diff-panel" aria-label="Differences">
      <div className="diff-panel-head">
        <h2>Differences</h2>
        <p className="muted" data-testid="diff-sides">
          <span className="strong">{sideLabel(result.from)}</span> → <span className="strong">{sideLabel(result.to)}</span>
        </p>
        <div className="legend-marks" aria-label="On the graph">
          <span className="mark mark-added">added</span>
          <span className="mark mark-removed">removed</span>
          <span className="mark mark-changed">changed</span>
        </div>
        <p className="diff-summary" data-testid="diff-summary">
          CIs: <span className="c-added">+{counts.cis.added}</span> <span className="c-removed">−{counts.cis.removed}</span>{' '}
          <span className="c-changed">~{counts.cis.changed}</span> · Relationships: <span className="c-added">+{counts.relationships.added}</span>{' '}
          <span className="c-removed">−{counts.relationships.removed}</span> <span className="c-changed">~{counts.relationships.changed}</span>
        </p>
        <div className="row">
          <button type="button" className="btn btn-small" data-testid="diff-export-csv" onClick={() => save('csv')}>
            Export CSV
          </button>
          <button type="button" className="btn btn-small" data-testid="diff-export-json" onClick={() => save('json')}>
            Export JSON
          </button>
          <span className="spacer" />
          <button type="button" className="btn btn-small btn-primary" data-testid="diff-close" onClick={leaveOverlay}>
            Back to live graph
          </button>
        </div>
        {result.truncated && <p className="faint">The graph shows the first {result.nodes.length.toLocaleString()} CIs of the diff; the list is complete.</p>}
      </div>
      <div className="diff-panel-body">
        {empty && <p className="muted">No differences: both sides hold the same CIs and relationships.</p>}
        {(cis.added.length > 0 || cis.removed.length > 0 || cis.changed.length > 0) && <h3>CIs</h3>}
        <ul className="diff-list" data-testid="diff-cis">
          {cis.changed.map((c) => (
            <li key={c.id} className="diff-item diff-changed" data-testid="diff-item" data-mark="changed" data-id={c.id}>
              <div className="row">
                <span className="diff-badge diff-badge-changed">changed</span>
                <FindLink id={c.id} name={c.after.name} enabled={shown.has(c.id)} />
              </div>
              <table className="data-table field-changes">
                <tbody>
                  {c.changes.map((f) => (
                    <tr key={f.field}>
                      <td className="mono">{f.field}</td>
                      <td className="before">
                        <Field value={f.before} />
                      </td>
                      <td className="arrow">→</td>
                      <td className="after">
                        <Field value={f.after} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          ))}
          {cis.added.map((ci) => (
            <CiRow key={ci.id} ci={ci} mark="added" onScreen={shown.has(ci.id)} />
          ))}
          {cis.removed.map((ci) => (
            <CiRow key={ci.id} ci={ci} mark="removed" onScreen={shown.has(ci.id)} />
          ))}
        </ul>
        {(relationships.added.length > 0 || relationships.removed.length > 0 || relationships.changed.length > 0) && <h3>Relationships</h3>}
        <ul className="diff-list" data-testid="diff-relationships">
          {relationships.changed.map((c) => (
            <li key={c.id} className="diff-item diff-changed" data-testid="diff-item" data-mark="changed" data-id={c.id}>
              <div className="row">
                <span className="diff-badge diff-badge-changed">changed</span>
                <span>{relationshipLabel(c.after, names)}</span>
              </div>
              {c.changes.map((f) => (
                <div key={f.field} className="field-line">
                  <span className="mono">{f.field}</span>: <Field value={f.before} /> → <Field value={f.after} />
                </div>
              ))}
            </li>
          ))}
          {relationships.added.map((r) => (
            <RelRow key={r.id} rel={r} mark="added" names={names} />
          ))}
          {relationships.removed.map((r) => (
            <RelRow key={r.id} rel={r} mark="removed" names={names} />
          ))}
        </ul>
      </div>
    </aside>
  );
}

/** The banner over the graph while it shows a past state (a diff has its panel instead). */
export function OverlayBanner() {
  const overlay = useDataUi((s) => s.overlay);
  if (!overlay) return null;
  if (overlay.mode === 'asOf') {
    return (
      <div className="banner banner-asof" role="status" data-testid="asof-banner">
        <strong>
          As of {new Date(overlay.result.time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })} — read-only
        </strong>
        <span className="muted">
          {overlay.result.totalCis.toLocaleString()} CIs then{overlay.result.truncated ? `; showing ${overlay.result.nodes.length.toLocaleString()}` : ''}. Edits
          are off until you return.
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-small btn-primary" data-testid="asof-leave" onClick={leaveOverlay}>
          Back to live graph
        </button>
      </div>
    );
  }
  return null;
}
