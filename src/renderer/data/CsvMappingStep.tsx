// The CSV column-mapping step: each header column → a Faultline field (from the preview's
// csv.mapping, guessed or remembered); any change asks for a new preview.
import { useState } from 'react';
import type { CsvMapping } from '../../shared/data-types';
import { CI_CLASSES } from '../../shared/model';
import type { ImportPreview } from '../../shared/operations';
import { CLASS_STYLES } from '../graph/class-style';

export const CI_FIELD_TARGETS = ['id', 'externalId', 'name', 'class', 'environment', 'criticality', 'owner', 'status', 'tags', 'redundancy'];
export const RELATIONSHIP_FIELD_TARGETS = ['source', 'target', 'type', 'strength', 'inferred', 'id'];

const FIELD_LABELS: Record<string, string> = {
  id: 'Faultline id',
  externalId: 'External id (source system)',
  name: 'Name',
  class: 'Class',
  environment: 'Environment',
  criticality: 'Criticality',
  owner: 'Owner',
  status: 'Status',
  tags: 'Tags',
  redundancy: 'Redundancy (min healthy)',
  source: 'Source CI',
  target: 'Target CI',
  type: 'Relationship type',
  strength: 'Strength',
  inferred: 'Inferred',
};

/** A header cell as an attribute / system key. */
export function columnKey(header: string): string {
  const key = header
    .trim()
    .replace(/^(attr|attribute|attributes|ext|external|externalids)[._:]/i, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return key || 'column';
}

export function targetOptions(kind: CsvMapping['kind'], header: string, current: string): { value: string; label: string }[] {
  const fields = kind === 'cis' ? CI_FIELD_TARGETS : RELATIONSHIP_FIELD_TARGETS;
  const options = [{ value: 'ignore', label: '— ignore —' }, ...fields.map((f) => ({ value: f, label: FIELD_LABELS[f] ?? f }))];
  if (kind === 'cis') {
    const key = columnKey(header);
    options.push({ value: `attributes.${key}`, label: `Attribute “${key}”` }, { value: `externalIds.${key}`, label: `External id in “${key}”` });
  }
  if (!options.some((o) => o.value === current)) {
    const [head, ...rest] = current.split('.');
    const label = head === 'attributes' ? `Attribute “${rest.join('.')}”` : head === 'externalIds' ? `External id in “${rest.join('.')}”` : current;
    options.push({ value: current, label });
  }
  return options;
}

interface Props {
  csv: NonNullable<ImportPreview['csv']>;
  busy: boolean;
  onChange(mapping: CsvMapping): void;
}

export function CsvMappingStep({ csv, busy, onChange }: Props) {
  const { mapping, header } = csv;
  const [system, setSystem] = useState(mapping.system);
  const setColumn = (index: number, value: string) => {
    const columns = [...mapping.columns];
    columns[index] = value;
    onChange({ ...mapping, columns });
  };
  return (
    <section className="data-section" data-testid="csv-mapping">
      <div className="data-section-head">
        <h3>Columns</h3>
        <span className="muted">
          {csv.remembered ? 'remembered from an earlier import of this header' : csv.suggested ? 'guessed from the header; correct it if needed' : 'as you set them'}
        </span>
      </div>
      <div className="mapping-options row">
        <label className="row">
          Rows are
          <select
            className="select"
            data-testid="csv-kind"
            value={mapping.kind}
            disabled={busy}
            onChange={(e) => {
              const kind = e.target.value as CsvMapping['kind'];
              const allowed = kind === 'cis' ? CI_FIELD_TARGETS : RELATIONSHIP_FIELD_TARGETS;
              onChange({ ...mapping, kind, columns: mapping.columns.map((c) => (allowed.includes(c) ? c : 'ignore')) });
            }}
          >
            <option value="cis">CIs</option>
            <option value="relationships">Relationships</option>
          </select>
        </label>
        <label className="row">
          Source system
          <input
            className="input input-narrow"
            data-testid="csv-system"
            value={system}
            disabled={busy}
            onChange={(e) => setSystem(e.target.value)}
            onBlur={() => system.trim() && system !== mapping.system && onChange({ ...mapping, system: system.trim() })}
            onKeyDown={(e) => e.key === 'Enter' && system.trim() && onChange({ ...mapping, system: system.trim() })}
          />
        </label>
        {mapping.kind === 'cis' && (
          <label className="row">
            Default class
            <select
              className="select"
              data-testid="csv-default-class"
              value={mapping.defaultClass ?? ''}
              disabled={busy}
              onChange={(e) => {
                const { defaultClass: _dropped, ...rest } = mapping;
                onChange(e.target.value ? { ...rest, defaultClass: e.target.value as CsvMapping['defaultClass'] } : rest);
              }}
            >
              <option value="">none</option>
              {CI_CLASSES.map((c) => (
                <option key={c} value={c}>
                  {CLASS_STYLES[c].label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {csv.problems.length > 0 && (
        <ul className="data-problems" data-testid="csv-problems">
          {csv.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <table className="data-table mapping-table">
        <thead>
          <tr>
            <th>Column in the file</th>
            <th>Faultline field</th>
          </tr>
        </thead>
        <tbody>
          {header.map((column, index) => {
            const current = mapping.columns[index] ?? 'ignore';
            return (
              <tr key={`${index}-${column}`}>
                <td className="mono">{column || <span className="faint">(empty)</span>}</td>
                <td>
                  <select
                    className="select"
                    aria-label={`Field for column ${column}`}
                    data-testid="csv-column"
                    data-column={column}
                    value={current}
                    disabled={busy}
                    onChange={(e) => setColumn(index, e.target.value)}
                  >
                    {targetOptions(mapping.kind, column, current).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
