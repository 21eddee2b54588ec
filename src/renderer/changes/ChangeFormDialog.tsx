// Create a change request (from scratch or from the current simulation's targets) or edit one
// that has not gone to the CAB yet.
import { useState, type FormEvent } from 'react';
import { CHANGE_TYPES, type Change, type ChangeType } from '../../shared/changes';
import type { ChangeDetails } from '../../shared/operations';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { Field } from '../components/Field';
import { FormModal } from '../components/FormModal';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { TYPE_LABELS } from './change-labels';
import { fromLocalInput, toLocalInput } from './change-list-model';
import { useWorkspaceStore } from '../state/workspace-store';
import { useChangesStore } from './changes-store';
import { CiListEditor, type NamedTarget } from '../components/CiListEditor';

const FIELDS = ['title', 'type', 'targets', 'window', 'implementer', 'rollbackPlan', 'description'] as const;

type Props = { mode: 'create'; targets: NamedTarget[] } | { mode: 'edit'; change: Change };

export function ChangeFormDialog(props: Props) {
  const close = useViewStore((s) => s.closeDialog);
  const editing = props.mode === 'edit' ? props.change : null;
  const [title, setTitle] = useState(editing?.title ?? '');
  const [type, setType] = useState<ChangeType>(editing?.type ?? 'normal');
  const [targets, setTargets] = useState<NamedTarget[]>(editing ? editing.targets.map((t) => ({ ...t, name: null })) : props.mode === 'create' ? props.targets : []);
  const [start, setStart] = useState(editing?.window ? toLocalInput(editing.window.start) : '');
  const [end, setEnd] = useState(editing?.window ? toLocalInput(editing.window.end) : '');
  const [implementer, setImplementer] = useState(editing?.implementer ?? '');
  const [rollbackPlan, setRollbackPlan] = useState(editing?.rollbackPlan ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const { errors, setErrors, busy, run } = useFormSubmit(FIELDS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const startIso = fromLocalInput(start);
    const endIso = fromLocalInput(end);
    if (Boolean(startIso) !== Boolean(endIso)) {
      setErrors({ fields: { window: 'Give both the start and the end of the window, or neither' }, general: null });
      return;
    }
    const fields = {
      title,
      type,
      targets: targets.map(({ ciId, mode }) => ({ ciId, mode })),
      window: startIso && endIso ? { start: startIso, end: endIso } : null,
      implementer,
      rollbackPlan,
      description,
    };
    await run(async () => {
      const saved: ChangeDetails = editing
        ? (await mutate('change.update', { id: editing.id, patch: fields })).value
        : (await mutate('change.create', { change: fields })).value;
      useChangesStore.getState().showDetails(saved);
      useWorkspaceStore.getState().setWorkspace('changes');
      close();
    });
  };

  return (
    <FormModal
      title={editing ? `Edit ${editing.number}` : 'New change request'}
      testId="change-form"
      formId="change-form"
      submitLabel={editing ? 'Save changes' : 'Create change request'}
      submitTestId="change-form-submit"
      busy={busy}
      error={errors.general}
      onClose={close}
      onSubmit={(event) => void submit(event)}
    >
      <Field label="Title" name="title" error={errors.fields.title} wide>
        <input className="input" data-testid="change-title" data-autofocus value={title} onChange={(event) => setTitle(event.target.value)} />
      </Field>
      <Field label="Type" name="type" error={errors.fields.type} hint="Standard: pre-approved, no CAB. Emergency: one approver, reviewed after.">
        <select className="select" data-testid="change-type" value={type} onChange={(event) => setType(event.target.value as ChangeType)}>
          {CHANGE_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Implementer" name="implementer" error={errors.fields.implementer}>
        <input className="input" data-testid="change-implementer" value={implementer} onChange={(event) => setImplementer(event.target.value)} />
      </Field>
      <Field label="Window start (local time)" name="window" error={errors.fields.window}>
        <input className="input" type="datetime-local" data-testid="change-start" value={start} onChange={(event) => setStart(event.target.value)} />
      </Field>
      <Field label="Window end (local time)" name="window-end">
        <input className="input" type="datetime-local" data-testid="change-end" value={end} onChange={(event) => setEnd(event.target.value)} />
      </Field>
      <Field label="Targets" name="targets" error={errors.fields.targets} wide hint="The CIs the change touches; down or degraded while it runs.">
        <CiListEditor targets={targets} onChange={setTargets} />
      </Field>
      <Field label="Rollback plan" name="rollbackPlan" error={errors.fields.rollbackPlan} wide>
        <textarea className="input" rows={2} data-testid="change-rollback" value={rollbackPlan} onChange={(event) => setRollbackPlan(event.target.value)} />
      </Field>
      <Field label="Description" name="description" error={errors.fields.description} wide>
        <textarea className="input" rows={3} value={description} onChange={(event) => setDescription(event.target.value)} />
      </Field>
    </FormModal>
  );
}
