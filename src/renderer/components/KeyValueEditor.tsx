// Rows of key → value for a CI's attributes or external ids (source system → id): edit, add,
// remove. The rows are kept as typed; mapOfRows turns them into the map the server takes, or
// says which row is wrong.
import type { ReactNode } from 'react';

export interface KeyValueRow {
  key: string;
  value: string;
}

export function rowsOf(map: Readonly<Record<string, string>> | undefined): KeyValueRow[] {
  return Object.entries(map ?? {}).map(([key, value]) => ({ key, value }));
}

/** The map of the rows (blank rows dropped), or an error naming the first bad row. */
export function mapOfRows(rows: readonly KeyValueRow[], what: string): { map: Record<string, string> } | { error: string } {
  const map: Record<string, string> = {};
  for (const [i, row] of rows.entries()) {
    const key = row.key.trim();
    if (!key && !row.value.trim()) continue;
    if (!key) return { error: `${what}, row ${i + 1}: the key is empty.` };
    if (Object.hasOwn(map, key)) return { error: `${what}, row ${i + 1}: “${key}” is already used above.` };
    map[key] = row.value;
  }
  return { map };
}

export function sameMap(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

export function KeyValueEditor({
  rows,
  onChange,
  testId,
  keyLabel,
  valueLabel,
  empty,
  id,
}: {
  /** Set by Field, so that its label names the group. */
  id?: string;
  rows: KeyValueRow[];
  onChange(rows: KeyValueRow[]): void;
  testId: string;
  keyLabel: string;
  valueLabel: string;
  empty: ReactNode;
}) {
  const update = (i: number, patch: Partial<KeyValueRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="kv-editor" id={id} role="group" data-testid={testId}>
      {rows.length === 0 && <p className="faint kv-empty">{empty}</p>}
      {rows.map((row, i) => (
        <div className="kv-row" key={i}>
          <input className="input" aria-label={`${keyLabel} ${i + 1}`} data-testid={`${testId}-key`} value={row.key} onChange={(e) => update(i, { key: e.target.value })} />
          <input className="input" aria-label={`${valueLabel} ${i + 1}`} data-testid={`${testId}-value`} value={row.value} onChange={(e) => update(i, { value: e.target.value })} />
          <button type="button" className="btn btn-small" aria-label={`Remove row ${i + 1}`} title="Remove" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="link" data-testid={`${testId}-add`} onClick={() => onChange([...rows, { key: '', value: '' }])}>
        + Add
      </button>
    </div>
  );
}
