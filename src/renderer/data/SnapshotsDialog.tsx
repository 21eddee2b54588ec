// Snapshots and history: take a named snapshot, list them, diff two (or one against now) onto
// the graph, or look at the CMDB as it was at a past time (read-only).
import { useEffect, useState } from 'react';
import type { SnapshotMeta } from '../../shared/data-types';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { DataModal } from './DataModal';
import { useDataUi } from './data-ui-store';
import { showAsOf, showDiff } from './overlay';

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** The value a datetime-local input wants for a date, in local time. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function SnapshotsDialog() {
  const close = useDataUi((s) => s.closeDialog);
  const [snapshots, setSnapshots] = useState<SnapshotMeta[] | null>(null);
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('now');
  const [asOf, setAsOf] = useState(() => localInput(new Date(Date.now() - 60 * 60 * 1000)));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = async (): Promise<SnapshotMeta[]> => {
    const list = await api.call('snapshot.list', {});
    const sorted = [...list].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    setSnapshots(sorted);
    // Default comparison: the two newest snapshots, or the only one against now.
    if (sorted.length >= 2) {
      setFrom(sorted[1].id);
      setTo(sorted[0].id);
    } else if (sorted.length === 1) {
      setFrom(sorted[0].id);
      setTo('now');
    }
    return sorted;
  };

  useEffect(() => {
    refresh().catch((e: unknown) => setError(`Could not list the snapshots: ${errorMessage(e)}`));
  }, []);

  const run = async (label: string, action: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(`${label} failed: ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const take = () =>
    run('Taking the snapshot', async () => {
      await api.call('snapshot.create', { name: name.trim() });
      setName('');
      await refresh();
    });

  const diff = () =>
    run('The diff', async () => {
      const result = await api.call('snapshot.diff', { from, to });
      showDiff(result);
      close();
    });

  const viewAsOf = () =>
    run('The past view', async () => {
      const date = new Date(asOf);
      if (Number.isNaN(date.getTime())) throw new Error('choose a date and time');
      const result = await api.call('history.asOf', { time: date.toISOString() });
      showAsOf(result);
      close();
    });

  const options = (
    <>
      {(snapshots ?? []).map((s) => (
        <option key={s.id} value={s.id}>
          {s.name} — {formatTime(s.createdAt)}
        </option>
      ))}
    </>
  );

  return (
    <DataModal
      title="Snapshots and history"
      onClose={close}
      testId="snapshots-dialog"
      wide
      footer={
        <>
          {busy && (
            <span className="foot-status" role="status">
              <span className="spinner" /> {busy}…
            </span>
          )}
          <button type="button" className="btn" onClick={close}>
            Close
          </button>
        </>
      }
    >
      <section className="data-section">
        <h3>Take a snapshot</h3>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void take();
          }}
        >
          <input
            className="input grow"
            data-testid="snapshot-name"
            placeholder="Name, e.g. Before the storage migration"
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="btn btn-primary" data-testid="snapshot-create" disabled={!name.trim() || busy !== null}>
            Take snapshot
          </button>
        </form>
      </section>
      <section className="data-section">
        <h3>Snapshots</h3>
        {snapshots === null ? (
          <p className="muted">Loading…</p>
        ) : snapshots.length === 0 ? (
          <p className="muted" data-testid="snapshot-empty">
            No snapshots yet. A snapshot keeps the whole CMDB as it is now, to compare with later.
          </p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="snapshot-list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Taken</th>
                  <th className="num">CIs</th>
                  <th className="num">Relationships</th>
                </tr>
              </thead>
              <tbody>
                {snapshots.map((s) => (
                  <tr key={s.id} data-testid="snapshot-row" data-snapshot-id={s.id}>
                    <td className="strong">{s.name}</td>
                    <td>{formatTime(s.createdAt)}</td>
                    <td className="num">{s.ciCount.toLocaleString()}</td>
                    <td className="num">{s.relationshipCount.toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="data-section">
        <h3>Compare</h3>
        <div className="row wrap">
          <label className="row">
            From
            <select className="select" data-testid="diff-from" value={from} onChange={(e) => setFrom(e.target.value)}>
              {!from && <option value="">choose a snapshot</option>}
              {options}
              <option value="now">Now (the open CMDB)</option>
            </select>
          </label>
          <label className="row">
            to
            <select className="select" data-testid="diff-to" value={to} onChange={(e) => setTo(e.target.value)}>
              {options}
              <option value="now">Now (the open CMDB)</option>
            </select>
          </label>
          <button type="button" className="btn btn-primary" data-testid="diff-run" disabled={!from || from === to || busy !== null} onClick={() => void diff()}>
            Show differences
          </button>
        </div>
      </section>
      <section className="data-section">
        <h3>As of a past time</h3>
        <div className="row wrap">
          <input type="datetime-local" step={1} className="input" data-testid="asof-time" aria-label="Past time (local)" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          <button type="button" className="btn" data-testid="asof-run" disabled={!asOf || busy !== null} onClick={() => void viewAsOf()}>
            Show the graph as it was
          </button>
          <span className="faint">rebuilt from the journal; read-only</span>
        </div>
      </section>
      {error && (
        <div className="form-error" role="alert" data-testid="snapshots-error">
          {error}
        </div>
      )}
    </DataModal>
  );
}
