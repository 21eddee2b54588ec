// File → Export…: the CMDB (everything, or the CIs on screen) as JSON, CSV, Excel, GraphML,
// GEXF or DOT through export.file, and the current graph view as PNG or SVG.
import { useState } from 'react';
import type { ExportFileFormat } from '../../shared/operations';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { useDataStore } from '../state/data-store';
import { DataModal } from './DataModal';
import { useDataUi } from './data-ui-store';
import { downloadBlob, downloadFiles, fileStamp } from './download';
import { graphPng, graphSvg } from './graph-access';

const FORMATS: { value: ExportFileFormat; label: string; hint: string }[] = [
  { value: 'json', label: 'JSON snapshot', hint: 'Faultline’s own format; imports back without loss' },
  { value: 'csv', label: 'CSV', hint: 'cis.csv and relationships.csv (Gephi columns Id, Label / Source, Target, Type)' },
  { value: 'xlsx', label: 'Excel', hint: 'one workbook, a sheet for CIs and one for relationships' },
  { value: 'graphml', label: 'GraphML', hint: 'for yEd, with labels shown' },
  { value: 'gexf', label: 'GEXF', hint: 'for Gephi' },
  { value: 'dot', label: 'DOT', hint: 'for Graphviz' },
];

type Scope = 'all' | 'view';

function baseName(): string {
  const title = useDataStore.getState().info?.title ?? 'faultline';
  return title.replace(/\.faultline$/i, '').replace(/[\\/:*?"<>|]+/g, '_') || 'faultline';
}

export function ExportDialog() {
  const close = useDataUi((s) => s.closeDialog);
  const overlay = useDataUi((s) => s.overlay);
  const view = useDataStore((s) => s.view);
  const total = useDataStore((s) => s.info?.ciCount ?? 0);
  const [format, setFormat] = useState<ExportFileFormat>('csv');
  const [scope, setScope] = useState<Scope>('all');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const onScreen = view?.nodes.length ?? 0;

  const run = async (label: string, action: () => Promise<string>) => {
    setBusy(label);
    setError(null);
    setDone(null);
    try {
      setDone(await action());
    } catch (e) {
      setError(`${label} failed: ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const exportData = () =>
    run('Export', async () => {
      const ciIds = scope === 'view' ? (view?.nodes.map((n) => n.id) ?? []) : undefined;
      const { files } = await api.call('export.file', ciIds ? { format, ciIds } : { format });
      await downloadFiles(files);
      return `Saved ${files.map((f) => f.name).join(' and ')}.`;
    });

  const exportPng = () =>
    run('PNG', async () => {
      const name = `${baseName()}-graph-${fileStamp()}.png`;
      downloadBlob(name, await graphPng());
      return `Saved ${name}.`;
    });

  const exportSvg = () =>
    run('SVG', async () => {
      const name = `${baseName()}-graph-${fileStamp()}.svg`;
      downloadBlob(name, new Blob([graphSvg()], { type: 'image/svg+xml' }));
      return `Saved ${name}.`;
    });

  return (
    <DataModal
      title="Export"
      onClose={close}
      testId="export-dialog"
      footer={
        <>
          {busy && (
            <span className="foot-status" role="status">
              <span className="spinner" /> Exporting…
            </span>
          )}
          <button type="button" className="btn" onClick={close}>
            Close
          </button>
          <button type="button" className="btn btn-primary" data-testid="export-run" disabled={busy !== null || overlay !== null} onClick={() => void exportData()}>
            Export {FORMATS.find((f) => f.value === format)?.label}
          </button>
        </>
      }
    >
      <fieldset className="data-fieldset">
        <legend>Format</legend>
        {FORMATS.map((f) => (
          <label key={f.value} className="choice">
            <input type="radio" name="export-format" value={f.value} data-testid={`export-format-${f.value}`} checked={format === f.value} onChange={() => setFormat(f.value)} />
            <span>
              <strong>{f.label}</strong> <span className="faint">{f.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="data-fieldset">
        <legend>Scope</legend>
        <label className="choice">
          <input type="radio" name="export-scope" data-testid="export-scope-all" checked={scope === 'all'} onChange={() => setScope('all')} />
          <span>
            Everything <span className="faint">({total.toLocaleString()} CIs)</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="export-scope" data-testid="export-scope-view" checked={scope === 'view'} disabled={!onScreen} onChange={() => setScope('view')} />
          <span>
            What is on screen <span className="faint">({onScreen.toLocaleString()} CIs and the relationships among them)</span>
          </span>
        </label>
      </fieldset>
      {overlay && <p className="muted">The graph shows {overlay.mode === 'diff' ? 'a snapshot diff' : 'a past state'}: return to the live graph to export data.</p>}
      <fieldset className="data-fieldset">
        <legend>Picture of the graph view</legend>
        <div className="row">
          <button type="button" className="btn" data-testid="export-png" disabled={busy !== null || !onScreen} onClick={() => void exportPng()}>
            PNG
          </button>
          <button type="button" className="btn" data-testid="export-svg" disabled={busy !== null || !onScreen} onClick={() => void exportSvg()}>
            SVG
          </button>
          <span className="faint">the whole graph as laid out now, with its diff marks</span>
        </div>
      </fieldset>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      {done && (
        <p className="ok-text" role="status" data-testid="export-done">
          {done}
        </p>
      )}
    </DataModal>
  );
}
