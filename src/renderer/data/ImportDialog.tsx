// File → Import…: choose (or drop) a file, see the dry-run preview (counts; created, updated
// field by field, relationships, change requests, rejected with file and row), correct a CSV
// mapping, apply.
import { useRef, useState } from 'react';
import { IMPORT_FORMATS, type ImportFormat, type PlanEndpoint, type SourceRef } from '../../shared/data-types';
import type { ImportPreview } from '../../shared/operations';
import { CLASS_STYLES, relationshipLabel } from '../graph/class-style';
import { CsvMappingStep } from './CsvMappingStep';
import { DataModal } from './DataModal';
import { useDataUi } from './data-ui-store';
import { formatValue } from './diff-export';
import { applyImport, cancelImport, cancelPreview, importFile, preview } from './import-flow';
import { formatBytes, progressLabel } from './import-progress-label';

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  'faultline-json': 'Faultline JSON snapshot',
  'csv-cis': 'CSV of CIs',
  'csv-relationships': 'CSV of relationships',
  servicenow: 'ServiceNow export',
  backstage: 'Backstage catalog (YAML)',
  terraform: 'Terraform state / show -json',
  compose: 'docker-compose',
  kubernetes: 'Kubernetes manifests',
};

type Tab = 'create' | 'update' | 'relationships' | 'changes' | 'incidents' | 'rejected' | 'warnings';

const ENTITY_LABELS = { ci: 'CI', relationship: 'relationship', change: 'change', incident: 'incident', problem: 'problem' } as const;

/** A change request's window as the import sets it, in local time ("—" without one). */
function windowText(window: { start: string; end: string } | null): string {
  if (!window) return '—';
  const format = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return `${format(window.start)} – ${format(window.end)}`;
}

type PlanCountsOf = ImportPreview['plan']['counts'];

/** Whether the file held any record of that list (created, updated, unchanged or rejected). */
function holds(counts: PlanCountsOf, list: 'changes' | 'incidents' | 'problems'): boolean {
  const c = counts[list];
  return c.create + c.update + c.unchanged + c.rejected > 0;
}

function hasChanges(counts: PlanCountsOf): boolean {
  return holds(counts, 'changes');
}

function hasIncidents(counts: PlanCountsOf): boolean {
  return holds(counts, 'incidents') || holds(counts, 'problems');
}

/** Records the import would write, over every list. */
function writes(counts: PlanCountsOf): number {
  return (['cis', 'relationships', 'changes', 'incidents', 'problems'] as const).reduce((sum, list) => sum + counts[list].create + counts[list].update, 0);
}

function where(ref: SourceRef): string {
  const place = ref.row !== undefined ? `row ${ref.row}` : ref.line !== undefined ? `line ${ref.line}` : ref.path ? ref.path : '';
  return place ? `${ref.file}, ${place}` : ref.file;
}

function endpoint(end: PlanEndpoint): string {
  return end.kind === 'new' ? `${end.name} (new)` : end.name;
}

function Value({ value }: { value: unknown }) {
  const text = formatValue(value);
  return text ? <span className="value">{text}</span> : <span className="value faint">empty</span>;
}

/** The count table's rows: each list's label and the test id prefix of its cells. */
const COUNT_ROWS = [
  { list: 'cis', label: 'CIs', testId: 'cis', always: true },
  { list: 'relationships', label: 'Relationships', testId: 'rels', always: true },
  { list: 'changes', label: 'Change requests', testId: 'changes', always: false },
  { list: 'incidents', label: 'Incidents', testId: 'incidents', always: false },
  { list: 'problems', label: 'Problems', testId: 'problems', always: false },
] as const;
const COUNT_COLUMNS = ['create', 'update', 'unchanged', 'rejected'] as const;

function Counts({ preview }: { preview: ImportPreview }) {
  const counts = preview.plan.counts;
  return (
    <table className="data-table counts-table" data-testid="import-counts">
      <thead>
        <tr>
          <th />
          <th>Create</th>
          <th>Update</th>
          <th>Unchanged</th>
          <th>Rejected</th>
        </tr>
      </thead>
      <tbody>
        {COUNT_ROWS.filter((row) => row.always || holds(counts, row.list as 'changes' | 'incidents' | 'problems')).map((row) => (
          <tr key={row.list}>
            <th>{row.label}</th>
            {COUNT_COLUMNS.map((kind) => {
              const n = counts[row.list][kind];
              return (
                <td key={kind} className={n > 0 ? `count count-${kind}` : 'count faint'} data-testid={`count-${row.testId}-${kind}`}>
                  {n.toLocaleString()}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One line on what the file holds that the import leaves out (each item is listed under Warnings). */
function LeftOut({ preview }: { preview: ImportPreview }) {
  const left = preview.plan.leftOut;
  const parts = [
    left.unreadableEntities > 0 ? `${left.unreadableEntities.toLocaleString()} entities in unreadable parts of the file` : '',
    left.danglingReferences > 0 ? `${left.danglingReferences.toLocaleString()} references to nothing in the file or the CMDB` : '',
    left.unreadFields.length > 0 ? `${left.unreadFields.length} field(s) that are not imported` : '',
    left.likelyTruncated ? 'the file may be cut short' : '',
    left.hiddenSecrets > 0 ? `${left.hiddenSecrets.toLocaleString()} secret attribute value(s), dropped or hidden` : '',
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <p className="muted" data-testid="import-left-out">
      Left out: {parts.join('; ')}. See Warnings.
    </p>
  );
}

function PlanLists({ preview }: { preview: ImportPreview }) {
  const { plan } = preview;
  const rejected = [...plan.cis.rejected, ...plan.relationships.rejected, ...plan.changes.rejected, ...plan.incidents.rejected, ...plan.problems.rejected];
  const incidentCount = plan.counts.incidents.create + plan.counts.incidents.update + plan.counts.problems.create + plan.counts.problems.update;
  const relCount = plan.relationships.create.length + plan.relationships.update.length;
  const changeCount = plan.changes.create.length + plan.changes.update.length;
  const tabs: { id: Tab; label: string; count: number }[] = [
    { id: 'create', label: 'New CIs', count: plan.counts.cis.create },
    { id: 'update', label: 'Updated CIs', count: plan.counts.cis.update },
    { id: 'relationships', label: 'Relationships', count: plan.counts.relationships.create + plan.counts.relationships.update },
    ...(hasChanges(plan.counts) ? [{ id: 'changes' as const, label: 'Change requests', count: plan.counts.changes.create + plan.counts.changes.update }] : []),
    ...(hasIncidents(plan.counts) ? [{ id: 'incidents' as const, label: 'Incidents and problems', count: incidentCount }] : []),
    { id: 'rejected', label: 'Rejected', count: rejected.length },
    { id: 'warnings', label: 'Warnings', count: plan.warnings.length },
  ];
  const first = tabs.find((t) => t.count > 0)?.id ?? 'create';
  const [chosen, setTab] = useState<Tab | null>(null);
  const tab = chosen ?? first;
  return (
    <section className="data-section">
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`tab${t.id === 'rejected' && t.count > 0 ? ' tab-danger' : ''}`}
            data-testid={`import-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label} <span className="tab-count">{t.count.toLocaleString()}</span>
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" data-testid={`import-list-${tab}`}>
        {tab === 'create' &&
          (plan.cis.create.length ? (
            <table className="data-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Class</th>
                  <th>Environment</th>
                  <th>Owner</th>
                  <th>From</th>
                </tr>
              </thead>
              <tbody>
                {plan.cis.create.map((item) => (
                  <tr key={`${item.system}:${item.key}`} data-testid="import-create-row">
                    <td className="strong">{item.input.name}</td>
                    <td>{CLASS_STYLES[item.input.class]?.label ?? item.input.class}</td>
                    <td>{item.input.environment || <span className="faint">—</span>}</td>
                    <td>{item.input.owner || <span className="faint">—</span>}</td>
                    <td className="faint">{where(item.sourceRef)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No new CIs.</p>
          ))}
        {tab === 'update' &&
          (plan.cis.update.length ? (
            <ul className="change-list">
              {plan.cis.update.map((item) => (
                <li key={item.id} data-testid="import-update-row">
                  <div className="change-head">
                    <strong>{item.name}</strong>
                    <span className="faint">
                      matched by {item.matchedBy === 'externalId' ? 'external id' : item.matchedBy} · {where(item.sourceRef)}
                    </span>
                  </div>
                  <table className="data-table field-changes">
                    <tbody>
                      {item.changes.map((c) => (
                        <tr key={c.field}>
                          <td className="mono">{c.field}</td>
                          <td className="before">
                            <Value value={c.before} />
                          </td>
                          <td className="arrow">→</td>
                          <td className="after">
                            <Value value={c.after} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No existing CI changes.</p>
          ))}
        {tab === 'relationships' &&
          (relCount ? (
            <table className="data-table">
              <thead>
                <tr>
                  <th />
                  <th>Source</th>
                  <th>Type</th>
                  <th>Target</th>
                  <th>Changes / from</th>
                </tr>
              </thead>
              <tbody>
                {plan.relationships.create.map((r, i) => (
                  <tr key={`c${i}`} data-testid="import-rel-row">
                    <td>
                      <span className="pill pill-create">new</span>
                    </td>
                    <td>{endpoint(r.source)}</td>
                    <td>
                      {relationshipLabel(r.type)}
                      {r.strength === 'soft' ? ' (soft)' : ''}
                      {r.inferred ? <span className="pill">inferred</span> : null}
                    </td>
                    <td>{endpoint(r.target)}</td>
                    <td className="faint">{where(r.sourceRef)}</td>
                  </tr>
                ))}
                {plan.relationships.update.map((r) => (
                  <tr key={r.id} data-testid="import-rel-row">
                    <td>
                      <span className="pill pill-update">update</span>
                    </td>
                    <td>{endpoint(r.source)}</td>
                    <td>{relationshipLabel(r.type)}</td>
                    <td>{endpoint(r.target)}</td>
                    <td>
                      {r.changes.map((c) => (
                        <div key={c.field}>
                          <span className="mono">{c.field}</span>: <Value value={c.before} /> → <Value value={c.after} />
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No relationships to create or update.</p>
          ))}
        {tab === 'changes' &&
          (changeCount ? (
            <table className="data-table">
              <thead>
                <tr>
                  <th />
                  <th>Number</th>
                  <th>Title</th>
                  <th>State</th>
                  <th>Window</th>
                  <th>Targets / changes</th>
                </tr>
              </thead>
              <tbody>
                {plan.changes.create.map((c) => (
                  <tr key={c.fields.number} data-testid="import-change-row">
                    <td>
                      <span className="pill pill-create">new</span>
                    </td>
                    <td className="mono">{c.fields.number}</td>
                    <td className="strong">{c.fields.title}</td>
                    <td>{c.fields.state.replace('_', ' ')}</td>
                    <td className="nowrap">{windowText(c.fields.window)}</td>
                    <td>{c.targets.length ? c.targets.map((t) => endpoint(t.endpoint)).join(', ') : <span className="faint">no CI</span>}</td>
                  </tr>
                ))}
                {plan.changes.update.map((c) => (
                  <tr key={c.id} data-testid="import-change-row">
                    <td>
                      <span className="pill pill-update">update</span>
                    </td>
                    <td className="mono">{c.number}</td>
                    <td className="strong">{c.fields.title}</td>
                    <td>{c.fields.state.replace('_', ' ')}</td>
                    <td className="nowrap">{windowText(c.fields.window)}</td>
                    <td>
                      {c.changes.map((f) => (
                        <div key={f.field}>
                          <span className="mono">{f.field}</span>: <Value value={f.before} /> → <Value value={f.after} />
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No change requests to create or update.</p>
          ))}
        {tab === 'incidents' &&
          (incidentCount ? (
            <table className="data-table">
              <thead>
                <tr>
                  <th />
                  <th>Number</th>
                  <th>Title</th>
                  <th>Status</th>
                  <th>Affected CIs / root cause</th>
                </tr>
              </thead>
              <tbody>
                {plan.incidents.create.map((c) => (
                  <tr key={c.fields.number} data-testid="import-incident-row">
                    <td>
                      <span className="pill pill-create">new</span>
                    </td>
                    <td className="mono">{c.fields.number}</td>
                    <td className="strong">{c.fields.title}</td>
                    <td>{c.fields.status.replace('_', ' ')}</td>
                    <td>{c.affected.map(endpoint).join(', ')}</td>
                  </tr>
                ))}
                {plan.incidents.update.map((c) => (
                  <tr key={c.id} data-testid="import-incident-row">
                    <td>
                      <span className="pill pill-update">update</span>
                    </td>
                    <td className="mono">{c.number}</td>
                    <td className="strong">{c.fields.title}</td>
                    <td>{c.fields.status.replace('_', ' ')}</td>
                    <td>{c.changes.map((f) => f.field).join(', ')}</td>
                  </tr>
                ))}
                {[...plan.problems.create, ...plan.problems.update].map((p) => (
                  <tr key={p.fields.number} data-testid="import-problem-row">
                    <td>
                      <span className={`pill ${'id' in p ? 'pill-update' : 'pill-create'}`}>{'id' in p ? 'update' : 'new'}</span>
                    </td>
                    <td className="mono">{p.fields.number}</td>
                    <td className="strong">{p.fields.title}</td>
                    <td>{p.fields.status.replace('_', ' ')}</td>
                    <td>{p.rootCause ? endpoint(p.rootCause) : <span className="faint">no root cause</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No incidents or problems to create or update.</p>
          ))}
        {tab === 'rejected' &&
          (rejected.length ? (
            <table className="data-table">
              <thead>
                <tr>
                  <th>Where</th>
                  <th>Item</th>
                  <th>Field</th>
                  <th>Reason</th>
                </tr>
              </thead>
              <tbody>
                {rejected.map((r, i) => (
                  <tr key={i} data-testid="import-rejected-row">
                    <td className="nowrap">{where(r)}</td>
                    <td>
                      {ENTITY_LABELS[r.entity]} {r.key ? <span className="mono">{r.key}</span> : null}
                    </td>
                    <td className="mono">{r.field ?? ''}</td>
                    <td className="reason">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">Nothing rejected.</p>
          ))}
        {tab === 'warnings' &&
          (plan.warnings.length ? (
            <ul className="plain-list">
              {plan.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">No warnings.</p>
          ))}
        {preview.truncated && <p className="faint">Lists show the first 500 items of each kind; the counts above are exact.</p>}
      </div>
    </section>
  );
}

/** The running preview's progress: phase, percentage, the parser's own count, and a Cancel that stops the worker. */
function PreviewProgress() {
  const progress = useDataUi((s) => s.import.progress);
  const fileSize = useDataUi((s) => s.import.fileSize);
  const percent = Math.round((progress?.fraction ?? 0) * 100);
  const label = progressLabel(progress, fileSize);
  const count =
    progress?.unit === 'rows' && progress.total !== undefined && progress.done !== undefined
      ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} rows`
      : progress?.unit === 'items' && progress.total !== undefined && progress.done !== undefined
        ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} items`
        : null;
  return (
    <div className="import-progress" data-testid="import-progress">
      <div className="import-progress-head">
        <span data-testid="import-progress-label">
          {label} {percent}%
        </span>
        {count && <span className="faint">{count}</span>}
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="import-progress-bar"
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <button type="button" className="btn" data-testid="import-cancel-preview" onClick={cancelPreview}>
        Cancel
      </button>
    </div>
  );
}

function ChooseFile() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="drop-zone" data-testid="import-drop-zone">
      <p>
        Choose a file, or drop it anywhere on the window.
        <br />
        <span className="faint">
          Faultline JSON, CSV (CIs or relationships), ServiceNow (CIs, relationships, change requests), Backstage YAML, Terraform state, docker-compose, Kubernetes manifests.
        </span>
      </p>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        data-testid="import-file-input"
        accept=".json,.faultline,.csv,.tsv,.txt,.yaml,.yml,.tfstate"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <button type="button" className="btn btn-primary" data-testid="import-choose" onClick={() => input.current?.click()}>
        Choose a file…
      </button>
    </div>
  );
}

function Report() {
  const { applied, fileName } = useDataUi((s) => s.import);
  if (!applied) return null;
  const parts = [
    `${applied.created.toLocaleString()} CIs created`,
    `${applied.updated.toLocaleString()} updated`,
    `${applied.relationshipsCreated.toLocaleString()} relationships created`,
    `${applied.relationshipsUpdated.toLocaleString()} updated`,
    ...(applied.changesCreated + applied.changesUpdated > 0
      ? [`${applied.changesCreated.toLocaleString()} change requests created`, `${applied.changesUpdated.toLocaleString()} updated`]
      : []),
    ...(applied.incidentsCreated + applied.incidentsUpdated > 0
      ? [`${applied.incidentsCreated.toLocaleString()} incidents created`, `${applied.incidentsUpdated.toLocaleString()} updated`]
      : []),
    ...(applied.problemsCreated + applied.problemsUpdated > 0 ? [`${applied.problemsCreated.toLocaleString()} problems created`, `${applied.problemsUpdated.toLocaleString()} updated`] : []),
  ];
  return (
    <div className="import-report" data-testid="import-report" role="status">
      <p className="report-title">
        <span className="ok-mark" aria-hidden="true">✓</span> Imported {fileName}
      </p>
      <p>{parts.join(', ')}.</p>
      {applied.rejected > 0 && <p>{applied.rejected.toLocaleString()} rejected items were skipped.</p>}
      {applied.leftOut.unreadableEntities + applied.leftOut.danglingReferences > 0 && (
        <p data-testid="import-report-left-out">
          Not imported: {applied.leftOut.unreadableEntities.toLocaleString()} entities in unreadable parts, {applied.leftOut.danglingReferences.toLocaleString()} references to
          nothing in the file or the CMDB.
        </p>
      )}
      {applied.replanned && <p className="muted">The CMDB changed after the preview; the import was planned again with the same result.</p>}
      <p className="muted">
        The whole import is one step: Undo ({IS_MAC ? '⌘' : 'Ctrl+'}Z) takes it back.
      </p>
    </div>
  );
}

export function ImportDialog() {
  const state = useDataUi((s) => s.import);
  const { phase, preview: current, fileName, fileSize, error } = state;
  const busy = phase === 'reading' || phase === 'previewing' || phase === 'applying';
  const counts = current?.plan.counts;
  const nothing = counts ? writes(counts) === 0 : true;
  const changePart =
    (counts && counts.changes.create + counts.changes.update > 0 ? `, ${counts.changes.create + counts.changes.update} change requests` : '') +
    (counts && counts.incidents.create + counts.incidents.update > 0 ? `, ${counts.incidents.create + counts.incidents.update} incidents` : '') +
    (counts && counts.problems.create + counts.problems.update > 0 ? `, ${counts.problems.create + counts.problems.update} problems` : '');
  const canApply = phase === 'ready' && Boolean(current?.previewId) && !nothing;

  const footer =
    phase === 'done' ? (
      <button type="button" className="btn btn-primary" data-testid="import-close" onClick={cancelImport}>
        Close
      </button>
    ) : (
      <>
        {busy && phase !== 'previewing' && (
          <span className="foot-status" role="status" data-testid="import-busy">
            <span className="spinner" />
            {phase === 'reading' ? `Reading ${formatBytes(fileSize)}…` : 'Importing…'}
          </span>
        )}
        {/* While a preview runs, the Cancel beside its progress bar stops it. */}
        {phase !== 'previewing' && (
          <button type="button" className="btn" onClick={cancelImport}>
            Cancel
          </button>
        )}
        {current && (
          <button type="button" className="btn btn-primary" data-testid="import-apply" disabled={!canApply} onClick={() => void applyImport()}>
            {counts ? `Apply: ${counts.cis.create + counts.cis.update} CIs, ${counts.relationships.create + counts.relationships.update} relationships${changePart}` : 'Apply'}
          </button>
        )}
      </>
    );

  return (
    <DataModal title={fileName ? `Import ${fileName}` : 'Import'} onClose={cancelImport} testId="import-dialog" wide footer={footer}>
      {error && (
        <div className="form-error" role="alert" data-testid="import-error">
          {error}
        </div>
      )}
      {error && state.canSkipUnreadable && !busy && (
        <p>
          <button type="button" className="btn" data-testid="import-skip-unreadable" onClick={() => void preview({ skipUnreadable: true })}>
            Preview the readable part
          </button>{' '}
          <span className="faint">every entity in the unreadable part is counted as left out</span>
        </p>
      )}
      {state.notice && (
        <div className="import-notice" role="status" data-testid="import-notice">
          {state.notice}
        </div>
      )}
      {phase === 'done' && <Report />}
      {!current && phase === 'choose' && <ChooseFile />}
      {!current && phase === 'reading' && (
        <div className="data-waiting">
          <span className="spinner" /> {`Reading ${fileName} (${formatBytes(fileSize)})…`}
        </div>
      )}
      {phase === 'previewing' && <PreviewProgress />}
      {!current && phase === 'applying' && (
        <div className="data-waiting">
          <span className="spinner" /> Importing…
        </div>
      )}
      {current && phase !== 'done' && (
        <div className={busy ? 'data-busy' : undefined}>
          <div className="row import-meta">
            <label className="row">
              Format
              <select
                className="select"
                data-testid="import-format"
                value={current.format}
                disabled={busy}
                onChange={(e) => void preview({ format: e.target.value as ImportFormat })}
              >
                {IMPORT_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {FORMAT_LABELS[f]}
                  </option>
                ))}
              </select>
            </label>
            <span className="faint">{state.format ? 'chosen' : 'detected'} · dry run: nothing is written until you apply</span>
          </div>
          <div className={current.csv ? 'import-grid' : undefined}>
            {current.csv && <CsvMappingStep key={JSON.stringify(current.csv.mapping)} csv={current.csv} busy={busy} onChange={(csvMapping) => void preview({ csvMapping })} />}
            {current.previewId !== null || !current.csv || current.csv.problems.length === 0 ? (
              <div>
                <Counts preview={current} />
                <LeftOut preview={current} />
                <PlanLists preview={current} />
              </div>
            ) : (
              <p className="muted">Map the columns on the left to see what this file would change.</p>
            )}
          </div>
        </div>
      )}
    </DataModal>
  );
}
