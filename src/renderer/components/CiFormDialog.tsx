// Create or edit a CI: name, class, environment, criticality, owner, status, tags, redundancy,
// attributes and external ids.
// The server validates; its messages appear under the matching field.
import { useState, type FormEvent } from 'react';
import { CI_CLASSES, CI_STATUSES, type Ci, type CiClass, type CiPatch, type CiStatus } from '../../shared/model';
import { formErrors, type FormErrors } from '../api/field-errors';
import { CRITICALITY_LABELS, classLabel } from '../graph/class-style';
import { NONE, useDataStore } from '../state/data-store';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { Field } from './Field';
import { KeyValueEditor, mapOfRows, rowsOf, sameMap, type KeyValueRow } from './KeyValueEditor';
import { Modal } from './Modal';

const FIELDS = ['name', 'class', 'environment', 'criticality', 'owner', 'status', 'tags', 'redundancy', 'attributes', 'externalIds'] as const;

interface FormValues {
  name: string;
  class: CiClass;
  environment: string;
  criticality: number;
  owner: string;
  status: CiStatus;
  tags: string;
  minHealthy: string;
  attributes: KeyValueRow[];
  externalIds: KeyValueRow[];
}

function valuesOf(ci: Ci | null): FormValues {
  return {
    name: ci?.name ?? '',
    class: ci?.class ?? 'application',
    environment: ci?.environment ?? 'production',
    criticality: ci?.criticality ?? 3,
    owner: ci?.owner ?? '',
    status: ci?.status ?? 'live',
    tags: ci?.tags.join(', ') ?? '',
    minHealthy: ci?.redundancy ? String(ci.redundancy.minHealthy) : '',
    attributes: rowsOf(ci?.attributes),
    externalIds: rowsOf(ci?.externalIds),
  };
}

function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Attributes and external ids as maps, or the first row-level error (shown under its field). */
function mapsOf(v: FormValues): { attributes: Record<string, string>; externalIds: Record<string, string> } | FormErrors {
  const attributes = mapOfRows(v.attributes, 'Attributes');
  if ('error' in attributes) return { fields: { attributes: attributes.error }, general: null };
  const externalIds = mapOfRows(v.externalIds, 'External ids');
  if ('error' in externalIds) return { fields: { externalIds: externalIds.error }, general: null };
  return { attributes: attributes.map, externalIds: externalIds.map };
}

function patchOf(ci: Ci, v: FormValues, maps: { attributes: Record<string, string>; externalIds: Record<string, string> }): CiPatch {
  const patch: CiPatch = {};
  if (v.name !== ci.name) patch.name = v.name;
  if (v.class !== ci.class) patch.class = v.class;
  if (v.environment !== ci.environment) patch.environment = v.environment;
  if (v.criticality !== ci.criticality) patch.criticality = v.criticality;
  if (v.owner !== ci.owner) patch.owner = v.owner;
  if (v.status !== ci.status) patch.status = v.status;
  const tags = parseTags(v.tags);
  if (tags.join('\u0000') !== ci.tags.join('\u0000')) patch.tags = tags;
  const min = v.minHealthy.trim();
  const before = ci.redundancy ? String(ci.redundancy.minHealthy) : '';
  if (min !== before) patch.redundancy = min ? { minHealthy: Number(min) } : null;
  if (!sameMap(maps.attributes, ci.attributes)) patch.attributes = maps.attributes;
  if (!sameMap(maps.externalIds, ci.externalIds)) patch.externalIds = maps.externalIds;
  return patch;
}

export function CiFormDialog({ ci }: { ci: Ci | null }) {
  const close = useViewStore((s) => s.closeDialog);
  const environments = useDataStore((s) => s.facets?.environments ?? NONE);
  const [values, setValues] = useState<FormValues>(() => valuesOf(ci));
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: null });
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const maps = mapsOf(values);
    if ('fields' in maps) {
      setErrors(maps);
      return;
    }
    setBusy(true);
    try {
      if (ci) {
        const patch = patchOf(ci, values, maps);
        if (Object.keys(patch).length > 0) await mutate('ci.update', { id: ci.id, patch });
        close();
      } else {
        const min = values.minHealthy.trim();
        const result = await mutate('ci.create', {
          ci: {
            name: values.name,
            class: values.class,
            environment: values.environment,
            criticality: values.criticality,
            owner: values.owner,
            status: values.status,
            tags: parseTags(values.tags),
            attributes: maps.attributes,
            externalIds: maps.externalIds,
            ...(min ? { redundancy: { minHealthy: Number(min) } } : {}),
          },
        });
        close();
        // The refetched view (the revision changed) brings the new CI; select it and centre on it there.
        const view = useViewStore.getState();
        view.setSelection([result.value.id]);
        view.requestCentre(result.value.id);
      }
    } catch (error) {
      setErrors(formErrors(error, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const e = errors.fields;
  return (
    <Modal
      title={ci ? `Edit ${ci.name}` : 'New configuration item'}
      onClose={close}
      testId="ci-form"
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="ci-form" className="btn btn-primary" disabled={busy} data-testid="ci-form-submit">
            {ci ? 'Save changes' : 'Create CI'}
          </button>
        </>
      }
    >
      <form id="ci-form" noValidate onSubmit={(event) => void submit(event)}>
        {errors.general && (
          <div className="form-error" role="alert" data-testid="form-error">
            {errors.general}
          </div>
        )}
        <div className="form-grid">
          <Field label="Name" name="name" error={e.name} wide>
            <input className="input" data-autofocus data-testid="ci-name" value={values.name} onChange={(ev) => set('name', ev.target.value)} />
          </Field>
          <Field label="Class" name="class" error={e.class}>
            <select className="select" data-testid="ci-class-select" value={values.class} onChange={(ev) => set('class', ev.target.value as CiClass)}>
              {CI_CLASSES.map((c) => (
                <option key={c} value={c}>
                  {classLabel(c)}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Environment" name="environment" error={e.environment}>
            <input
              className="input"
              list="environment-options"
              data-testid="ci-environment"
              value={values.environment}
              onChange={(ev) => set('environment', ev.target.value)}
            />
          </Field>
          <datalist id="environment-options">
            {environments.map((env) => (
              <option key={env.value} value={env.value} />
            ))}
          </datalist>
          <Field label="Criticality" name="criticality" error={e.criticality}>
            <select className="select" data-testid="ci-criticality" value={values.criticality} onChange={(ev) => set('criticality', Number(ev.target.value))}>
              {[1, 2, 3, 4].map((c) => (
                <option key={c} value={c}>
                  {CRITICALITY_LABELS[c]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Status" name="status" error={e.status}>
            <select className="select" data-testid="ci-status" value={values.status} onChange={(ev) => set('status', ev.target.value as CiStatus)}>
              {CI_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Owner" name="owner" error={e.owner}>
            <input className="input" data-testid="ci-owner" value={values.owner} onChange={(ev) => set('owner', ev.target.value)} />
          </Field>
          <Field label="Tags" name="tags" error={e.tags} hint="Comma-separated" wide>
            <input className="input" data-testid="ci-tags" value={values.tags} onChange={(ev) => set('tags', ev.target.value)} />
          </Field>
          <Field label="Redundancy: members needed healthy" name="redundancy" error={e.redundancy} hint="For clusters and pools; leave empty for none" wide>
            <input
              className="input"
              type="number"
              min={1}
              data-testid="ci-min-healthy"
              value={values.minHealthy}
              onChange={(ev) => set('minHealthy', ev.target.value)}
            />
          </Field>
          <Field label="Attributes" name="attributes" error={e.attributes} hint="Name → value, e.g. os → Debian 12" wide>
            <KeyValueEditor
              rows={values.attributes}
              onChange={(rows) => set('attributes', rows)}
              testId="ci-attributes"
              keyLabel="Attribute name"
              valueLabel="Attribute value"
              empty="No attributes."
            />
          </Field>
          <Field label="External ids" name="externalIds" error={e.externalIds} hint="Source system → its id for this CI (used to reconcile imports)" wide>
            <KeyValueEditor
              rows={values.externalIds}
              onChange={(rows) => set('externalIds', rows)}
              testId="ci-external-ids"
              keyLabel="Source system"
              valueLabel="Id in that system"
              empty="No external ids."
            />
          </Field>
        </div>
      </form>
    </Modal>
  );
}
