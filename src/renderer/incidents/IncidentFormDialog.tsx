// Record an incident (affected CIs picked by search, or the graph's selection) or edit one. The
// impact is suggested by the affected services' criticality unless the user sets it.
import { useEffect, useState, type FormEvent } from 'react';
import type { Incident } from '../../shared/incidents';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { CiListEditor, type NamedTarget } from '../components/CiListEditor';
import { Field } from '../components/Field';
import { FormModal } from '../components/FormModal';
import { useChangesStore } from '../changes/changes-store';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { useWorkspaceStore } from '../state/workspace-store';
import { LEVEL_WORDS } from './incident-labels';
import { useIncidentsStore } from './incidents-store';

/** The three levels of impact and of urgency, as choices. */
const LEVEL_OPTIONS = [1, 2, 3].map((level) => (
  <option key={level} value={level}>
    {LEVEL_WORDS[level]}
  </option>
));

const FIELDS = ['title', 'affectedCiIds', 'impact', 'urgency', 'causedByChangeId', 'description'] as const;

type Props = { mode: 'create'; affected: NamedTarget[] } | { mode: 'edit'; incident: Incident; names: Readonly<Record<string, string>> };

export function IncidentFormDialog(props: Props) {
  const close = useViewStore((s) => s.closeDialog);
  const changes = useChangesStore((s) => s.items) ?? [];
  // The caused-by choices: the changes list, fetched here when no change screen has fetched it yet.
  useEffect(() => {
    if (useChangesStore.getState().items === null) void useChangesStore.getState().refresh();
  }, []);
  const editing = props.mode === 'edit' ? props.incident : null;
  const [title, setTitle] = useState(editing?.title ?? '');
  const [affected, setAffected] = useState<NamedTarget[]>(
    props.mode === 'edit' ? props.incident.affectedCiIds.map((ciId) => ({ ciId, mode: 'down', name: props.names[ciId] ?? null })) : props.affected,
  );
  // '' = suggested from the affected services.
  const [impact, setImpact] = useState(editing && editing.impact !== editing.suggestedImpact ? String(editing.impact) : '');
  const [urgency, setUrgency] = useState(String(editing?.urgency ?? 2));
  const [causedBy, setCausedBy] = useState(editing?.causedByChangeId ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const { errors, busy, run } = useFormSubmit(FIELDS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      title,
      affectedCiIds: affected.map((t) => t.ciId),
      urgency: Number(urgency),
      causedByChangeId: causedBy || null,
      description,
    };
    await run(async () => {
      const saved = editing
        ? (await mutate('incident.update', { id: editing.id, patch: { ...fields, impact: impact ? Number(impact) : null } })).value
        : (await mutate('incident.create', { incident: { ...fields, ...(impact ? { impact: Number(impact) } : {}) } })).value;
      useIncidentsStore.getState().showDetails(saved);
      useIncidentsStore.getState().setTab('incidents');
      useWorkspaceStore.getState().setWorkspace('incidents');
      close();
    });
  };

  return (
    <FormModal
      title={editing ? `Edit ${editing.number}` : 'New incident'}
      testId="incident-form"
      formId="incident-form"
      submitLabel={editing ? 'Save changes' : 'Record incident'}
      submitTestId="incident-form-submit"
      busy={busy}
      error={errors.general}
      onClose={close}
      onSubmit={(event) => void submit(event)}
    >
      <Field label="Title" name="title" error={errors.fields.title} wide>
        <input className="input" data-testid="incident-title" data-autofocus value={title} onChange={(event) => setTitle(event.target.value)} />
      </Field>
      <Field label="Affected CIs" name="affectedCiIds" error={errors.fields.affectedCiIds} wide hint="The services they take down are found and stored with the incident.">
        <CiListEditor targets={affected} onChange={setAffected} withModes={false} placeholder="Add an affected CI: search…" />
      </Field>
      <Field label="Impact" name="impact" error={errors.fields.impact} hint="Suggested: the affected services' highest criticality">
        <select className="select" data-testid="incident-impact-choice" value={impact} onChange={(event) => setImpact(event.target.value)}>
          <option value="">Suggested</option>
          {LEVEL_OPTIONS}
        </select>
      </Field>
      <Field label="Urgency" name="urgency" error={errors.fields.urgency}>
        <select className="select" data-testid="incident-urgency" value={urgency} onChange={(event) => setUrgency(event.target.value)}>
          {LEVEL_OPTIONS}
        </select>
      </Field>
      <Field label="Caused by change" name="causedByChangeId" error={errors.fields.causedByChangeId} wide>
        <select className="select" data-testid="incident-caused-by" value={causedBy} onChange={(event) => setCausedBy(event.target.value)}>
          <option value="">Not known</option>
          {changes.map(({ change }) => (
            <option key={change.id} value={change.id}>
              {change.number} {change.title}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Description" name="description" error={errors.fields.description} wide>
        <textarea className="input" rows={3} value={description} onChange={(event) => setDescription(event.target.value)} />
      </Field>
    </FormModal>
  );
}
