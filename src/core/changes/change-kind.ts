// The change request as a record kind: CHG numbers, a draft state and an empty history on
// creation; edits only while it is a draft or assessed (its state moves by transitions,
// transition.ts), except by an import (change-import.ts), which sets the number and state its
// source gives; its targets must be CIs that exist; closed once rejected, reviewed or cancelled.
import { ChangeInputSchema, ChangePatchSchema, ChangeSchema, type Change } from '../../shared/changes';
import { CmdbError } from '../graph/errors';
import { parseOrThrow } from '../graph/validation';
import { defineStoredKind } from '../records/define';
import { nextNumber } from '../records/numbering';
import type { CmdbState } from '../records/registry';
import { importedChange } from './change-import';
import { isClosedChange, isEditable } from './lifecycle';

export const CHANGE_KIND_NAME = 'change';

/**
 * CHG0001, CHG0002, …: one more than the highest number in use (numbers of deleted drafts are
 * not reused while a later one exists), as wide as the widest in use (after an imported
 * CHG0030015 comes CHG0030016).
 */
export function nextChangeNumber(state: CmdbState): string {
  return nextNumber(state, CHANGE_KIND_NAME, 'CHG');
}

export const CHANGE_KIND = defineStoredKind<Change>({
  name: CHANGE_KIND_NAME,
  label: 'change request',
  plural: 'change requests',
  idPrefix: 'chg',
  schema: ChangeSchema,
  title: (change) => `${change.number} ${change.title}`,
  references: (change) => change.targets.map((target, i) => ({ kind: 'ci', id: target.ciId, field: `targets[${i}].ciId` })),
  isClosed: isClosedChange,
  prepareCreate(input, id, context) {
    const { id: _id, ...fields } = input;
    const parsed = parseOrThrow(ChangeInputSchema, fields);
    return {
      ...parsed,
      id,
      number: nextChangeNumber(context.state),
      state: 'draft',
      events: [],
      impactSnapshot: null,
      review: null,
      createdAt: context.now,
      updatedAt: context.now,
    } satisfies Change;
  },
  prepareUpdate(before, patch, context) {
    if (!isEditable(before)) {
      throw new CmdbError('conflict', `state: ${before.number} is ${before.state}; send it back to draft to edit it`, 'state');
    }
    const { id: _id, ...fields } = patch;
    const parsed = parseOrThrow(ChangePatchSchema, fields);
    return { ...before, ...parsed, updatedAt: context.now } satisfies Change;
  },
  prepareImport: importedChange,
});
