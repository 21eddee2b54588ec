// Create a relationship from the selected CI (other end picked by search, type, strength),
// or edit an existing relationship's type and strength.
import { useState, type FormEvent } from 'react';
import { RELATIONSHIP_TYPES, type Relationship, type RelationshipType, type Strength } from '../../shared/model';
import type { CiDetails, SearchHit } from '../../shared/operations';
import { formErrors, type FormErrors } from '../api/field-errors';
import { RELATIONSHIP_STYLES } from '../graph/class-style';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { CiPicker } from './CiPicker';
import { Field } from './Field';
import { Modal } from './Modal';

const FIELDS = ['source', 'target', 'type', 'strength', 'other'] as const;

type Props = { mode: 'create'; from: CiDetails['ci'] } | { mode: 'edit'; relationship: Relationship; sourceName: string; targetName: string };

/** "Order API depends on X" → "Order API already depends on X"; "… is part of …" → "… is already part of …". */
export function alreadySentence(parts: { source: string; verb: string; target: string }): string {
  const verb = parts.verb.startsWith('is ') ? `is already ${parts.verb.slice(3)}` : `already ${parts.verb}`;
  return `${parts.source} ${verb} ${parts.target}`;
}

export function RelationshipFormDialog(props: Props) {
  const close = useViewStore((s) => s.closeDialog);
  const [type, setType] = useState<RelationshipType>(props.mode === 'edit' ? props.relationship.type : 'depends_on');
  const [strength, setStrength] = useState<Strength>(props.mode === 'edit' ? props.relationship.strength : 'hard');
  const [outgoing, setOutgoing] = useState(true);
  const [other, setOther] = useState<SearchHit['ci'] | null>(null);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: null });
  const [busy, setBusy] = useState(false);

  const fromName = props.mode === 'create' ? props.from.name : '';
  const verb = RELATIONSHIP_STYLES[type].verb;
  const parts =
    props.mode === 'edit'
      ? { source: props.sourceName, verb, target: props.targetName }
      : other
        ? outgoing
          ? { source: fromName, verb, target: other.name }
          : { source: other.name, verb, target: fromName }
        : null;
  const sentence = parts ? `${parts.source} ${parts.verb} ${parts.target}` : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      if (props.mode === 'edit') {
        const patch: { type?: RelationshipType; strength?: Strength } = {};
        if (type !== props.relationship.type) patch.type = type;
        if (strength !== props.relationship.strength) patch.strength = strength;
        if (Object.keys(patch).length) await mutate('rel.update', { id: props.relationship.id, patch });
      } else {
        if (!other) {
          setErrors({ fields: { other: 'Choose the CI at the other end' }, general: null });
          return;
        }
        const source = outgoing ? props.from.id : other.id;
        const target = outgoing ? other.id : props.from.id;
        await mutate('rel.create', { relationship: { source, target, type, strength } });
      }
      close();
    } catch (error) {
      const found = formErrors(error, FIELDS);
      // The core names the existing relationship by id; say which CIs are related, in words.
      if (found.fields.type && /already related/.test(found.fields.type) && parts) found.fields.type = `${alreadySentence(parts)}: there is such a relationship already.`;
      // The core names `source`/`target`; in this form both mean the CI picked as the other end.
      const otherEnd = outgoing ? found.fields.target : found.fields.source;
      setErrors({ ...found, fields: { ...found.fields, other: found.fields.other ?? otherEnd } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={props.mode === 'edit' ? 'Edit relationship' : `New relationship for ${fromName}`}
      onClose={close}
      testId="relationship-form"
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="relationship-form" className="btn btn-primary" disabled={busy} data-testid="relationship-form-submit">
            {props.mode === 'edit' ? 'Save changes' : 'Create relationship'}
          </button>
        </>
      }
    >
      <form id="relationship-form" noValidate onSubmit={(event) => void submit(event)} className="stack" style={{ gap: 12 }}>
        {errors.general && (
          <div className="form-error" role="alert" data-testid="form-error">
            {errors.general}
          </div>
        )}
        {props.mode === 'create' && (
          <>
            <div className="field">
              <span className="label">Direction</span>
              <div className="segmented" role="group" aria-label="Direction">
                <button type="button" aria-pressed={outgoing} data-testid="rel-direction-out" onClick={() => setOutgoing(true)}>
                  {fromName} → other
                </button>
                <button type="button" aria-pressed={!outgoing} data-testid="rel-direction-in" onClick={() => setOutgoing(false)}>
                  other → {fromName}
                </button>
              </div>
            </div>
            <Field label="Other CI" name="other" error={errors.fields.other}>
              <CiPicker value={other} onChange={setOther} excludeId={props.from.id} />
            </Field>
          </>
        )}
        <Field label="Type" name="type" error={errors.fields.type}>
          <select className="select" data-testid="rel-type" value={type} onChange={(event) => setType(event.target.value as RelationshipType)}>
            {RELATIONSHIP_TYPES.map((t) => (
              <option key={t} value={t}>
                {RELATIONSHIP_STYLES[t].label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Strength" name="strength" error={errors.fields.strength} hint="Soft: failure only degrades the other end">
          <select className="select" data-testid="rel-strength" value={strength} onChange={(event) => setStrength(event.target.value as Strength)}>
            <option value="hard">Hard</option>
            <option value="soft">Soft</option>
          </select>
        </Field>
        {sentence && (
          <p className="muted" data-testid="rel-sentence" style={{ margin: 0 }}>
            Reads: <strong>{sentence}</strong>
          </p>
        )}
      </form>
    </Modal>
  );
}
