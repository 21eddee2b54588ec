// A list of CIs picked by search and removed one by one: a change's targets, each with the mode it
// is assumed to be in (down or degraded), or an incident's affected CIs (no mode). Names of CIs
// given by id only are looked up once.
import { useEffect } from 'react';
import type { ChangeTarget } from '../../shared/changes';
import { api } from '../api/client';
import { CiPicker } from './CiPicker';

export interface NamedTarget extends ChangeTarget {
  name: string | null;
}

interface CiListEditorProps {
  targets: readonly NamedTarget[];
  onChange(targets: NamedTarget[]): void;
  /** Whether each CI carries a mode (a change's targets); an incident's affected CIs do not. */
  withModes?: boolean;
  placeholder?: string;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export function CiListEditor({ targets, onChange, withModes = true, placeholder = 'Add a target: search for a CI…', ...aria }: CiListEditorProps) {
  const unnamed = targets.filter((t) => t.name === null).map((t) => t.ciId).join(',');
  useEffect(() => {
    if (!unnamed) return;
    let live = true;
    void Promise.all(
      unnamed.split(',').map((id) =>
        api.call('ci.get', { id }).then(
          (details) => [id, details.ci.name] as const,
          () => [id, id] as const,
        ),
      ),
    ).then((pairs) => {
      if (!live) return;
      const names = new Map(pairs);
      onChange(targets.map((t) => (t.name === null ? { ...t, name: names.get(t.ciId) ?? t.ciId } : t)));
    });
    return () => {
      live = false;
    };
    // Only a new unnamed target starts a lookup; `targets` and `onChange` are read as they are then.
  }, [unnamed]);

  return (
    <div className="stack target-editor" style={{ gap: 6 }} data-testid="target-editor">
      {targets.length > 0 && (
        <ul className="target-rows">
          {targets.map((target) => (
            <li key={target.ciId} className="row" data-testid={`target-${target.ciId}`}>
              <span className="target-name">{target.name ?? target.ciId}</span>
              {withModes && (
                <select
                  className="select"
                  aria-label={`Mode of ${target.name ?? target.ciId}`}
                  value={target.mode}
                  onChange={(event) => onChange(targets.map((t) => (t.ciId === target.ciId ? { ...t, mode: event.target.value as ChangeTarget['mode'] } : t)))}
                >
                  <option value="down">down</option>
                  <option value="degraded">degraded</option>
                </select>
              )}
              <button type="button" className="btn btn-small" aria-label={`Remove ${target.name ?? target.ciId}`} onClick={() => onChange(targets.filter((t) => t.ciId !== target.ciId))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <CiPicker
        // A new key after each pick clears the search for the next target.
        key={targets.length}
        {...aria}
        value={null}
        placeholder={placeholder}
        onChange={(ci) => {
          if (ci && !targets.some((t) => t.ciId === ci.id)) onChange([...targets, { ciId: ci.id, mode: 'down', name: ci.name }]);
        }}
      />
    </div>
  );
}
