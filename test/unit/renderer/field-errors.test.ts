// Server validation messages land under the right form field.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/renderer/api/api-error';
import { fieldOfPath, formErrors } from '../../../src/renderer/api/field-errors';

describe('fieldOfPath', () => {
  it('strips the operation wrapper and keeps the top-level field', () => {
    expect(fieldOfPath('ci.name')).toBe('name');
    expect(fieldOfPath('patch.redundancy.minHealthy')).toBe('redundancy');
    expect(fieldOfPath('ci.tags.2')).toBe('tags');
    expect(fieldOfPath('relationship.target')).toBe('target');
    expect(fieldOfPath('name')).toBe('name');
    expect(fieldOfPath('ci')).toBe('ci');
  });
});

describe('formErrors', () => {
  const fields = ['name', 'class', 'redundancy', 'target', 'type'];

  it('places issues under known fields', () => {
    const error = new ApiError('invalid_input', 'ci.name: must not be empty', [
      { path: 'ci.name', message: 'must not be empty' },
      { path: 'ci.redundancy.minHealthy', message: 'must be at least 1' },
    ]);
    expect(formErrors(error, fields)).toEqual({ fields: { name: 'must not be empty', redundancy: 'must be at least 1' }, general: null });
  });

  it('falls back to the field named at the start of the message', () => {
    const error = new ApiError('conflict', 'type: these CIs are already related by depends_on (rel-1)');
    expect(formErrors(error, fields)).toEqual({ fields: { type: 'these CIs are already related by depends_on (rel-1)' }, general: null });
  });

  it('shows the message itself when no field matches', () => {
    const error = new ApiError('io_error', 'Could not write the journal');
    expect(formErrors(error, fields)).toEqual({ fields: {}, general: 'Could not write the journal' });
    expect(formErrors(new Error('network down'), fields)).toEqual({ fields: {}, general: 'network down' });
  });
});
