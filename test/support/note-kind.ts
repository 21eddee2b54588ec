// A record kind that exists only in tests: a note naming CIs, open or closed. Registering it
// is all it takes to get journal, undo/redo, history, as-of, diff, the checkpoint, snapshots
// and reference checks — which is what the tests using it prove.
import { z } from 'zod';
import { defineStoredKind, findRecordKind, registerRecordKind } from '../../src/core/records';
import { IdSchema } from '../../src/shared/model';

export const NoteSchema = z.object({
  id: IdSchema,
  text: z.string().trim().min(1, 'must not be empty').max(500),
  ciIds: z.array(IdSchema),
  status: z.enum(['open', 'closed']),
});
export type Note = z.infer<typeof NoteSchema>;

export const NOTE_KIND = defineStoredKind({
  name: 'note',
  label: 'note',
  plural: 'notes',
  idPrefix: 'note',
  schema: NoteSchema,
  title: (note) => note.text,
  references: (note) => note.ciIds.map((id, i) => ({ kind: 'ci', id, field: `ciIds[${i}]` })),
  isClosed: (note) => note.status === 'closed',
});

/** Registers the note kind once per test file (each file runs in its own module graph). */
export function registerNoteKind(): void {
  if (!findRecordKind(NOTE_KIND.name)) registerRecordKind(NOTE_KIND);
}
