// A kind registered by a test and by nothing else gets journal, undo/redo, replay, as-of,
// diff, JSON snapshots and reference checks without any of those modules naming it.
import { beforeAll, describe, expect, it } from 'vitest';
import { diffCmdb, diffIsEmpty, documentAsOf } from '../../../../src/core/diff';
import { writeJsonSnapshot } from '../../../../src/core/formats/export';
import { Cmdb, CmdbGraph } from '../../../../src/core/graph';
import { cmdbFromDocument, recordsOf } from '../../../../src/core/graph/load';
import { checkDocumentRecords, parseJournalRecord, registerRecordKind } from '../../../../src/core/records';
import { CmdbDocumentSchema, type JournalRecord } from '../../../../src/shared/model';
import { NOTE_KIND, registerNoteKind } from '../../../support/note-kind';
import { cmdbErrorOf } from '../../../support/cmdb-error';
import { testEnv } from '../graph/test-env';

beforeAll(registerNoteKind);

function cmdbWithCis(): { cmdb: Cmdb; journal: JournalRecord[] } {
  const cmdb = new Cmdb(new CmdbGraph(), testEnv());
  const journal: JournalRecord[] = [];
  journal.push(...cmdb.createCi({ id: 'db', name: 'orders-db', class: 'database' }).tx.records);
  journal.push(...cmdb.createCi({ id: 'app', name: 'Order API', class: 'application' }).tx.records);
  return { cmdb, journal };
}


describe('a test-only record kind', () => {
  it('is journaled, undone, redone and replayed like CIs', () => {
    const { cmdb, journal } = cmdbWithCis();
    const { record, tx } = cmdb.createRecord('note', { text: 'Patch window agreed', ciIds: ['db'], status: 'open' });
    journal.push(...tx.records);
    expect(record.id).toBe('note_1');
    expect(tx.records).toEqual([expect.objectContaining({ entity: 'note', op: 'create', id: 'note_1', before: null, after: record, actor: 'test' })]);
    journal.push(...cmdb.updateRecord('note', 'note_1', { text: 'Patch window moved', ciIds: ['db', 'app'] }).tx.records);
    expect(cmdb.undoLabel).toBe('Edit note Patch window moved');

    journal.push(...(cmdb.undo()?.records ?? []));
    expect(cmdb.records.get('note', 'note_1')).toEqual(record);
    journal.push(...(cmdb.redo()?.records ?? []));
    expect(cmdb.records.get('note', 'note_1')).toMatchObject({ text: 'Patch window moved', ciIds: ['db', 'app'] });
    journal.push(...cmdb.deleteRecord('note', 'note_1').tx.records);
    expect(cmdb.records.count('note')).toBe(0);
    journal.push(...(cmdb.undo()?.records ?? []));
    expect(NOTE_KIND.count(cmdb)).toBe(1);

    // Every journal line parses back, and replaying the journal gives the same records.
    for (const r of journal) expect(parseJournalRecord(JSON.parse(JSON.stringify(r)))).toEqual({ ok: true, value: r });
    const replayed = cmdbFromDocument({ schemaVersion: 1, journalSeq: 0, cis: [], relationships: [], settings: {} }, journal, testEnv());
    expect(recordsOf(replayed)).toEqual(recordsOf(cmdb));
    expect(recordsOf(replayed).note).toEqual([{ id: 'note_1', text: 'Patch window moved', ciIds: ['db', 'app'], status: 'open' }]);
  });

  it('validates input against its schema and names the field', () => {
    const { cmdb } = cmdbWithCis();
    expect(cmdbErrorOf(() => cmdb.createRecord('note', { text: ' ', ciIds: [], status: 'open' }))).toMatchObject({ code: 'invalid_input', field: 'text' });
    expect(cmdbErrorOf(() => cmdb.createRecord('nope', {}))).toMatchObject({ field: 'kind' });
    expect(cmdbErrorOf(() => cmdb.createRecord('ci', {}))).toMatchObject({ field: 'kind', message: expect.stringMatching(/CIs have their own operations/) });
    const bad = parseJournalRecord({ seq: 1, tx: 1, time: '2026-01-01T00:00:00.000Z', actor: 'a', op: 'create', entity: 'note', id: 'n', before: null, after: { id: 'n', text: '', ciIds: [], status: 'open' } });
    expect(bad).toMatchObject({ ok: false, field: 'after.text' });
    expect(() => registerRecordKind(NOTE_KIND)).toThrow(/already registered/);
  });

  it('has history: as of each instant, and a field-by-field diff', () => {
    const { cmdb, journal } = cmdbWithCis();
    journal.push(...cmdb.createRecord('note', { id: 'n1', text: 'first', ciIds: ['db'], status: 'open' }).tx.records);
    const created = journal.at(-1)?.time as string;
    journal.push(...cmdb.updateRecord('note', 'n1', { text: 'second', status: 'closed' }).tx.records);
    const edited = journal.at(-1)?.time as string;

    const then = documentAsOf(null, journal, created);
    const now = documentAsOf(null, journal, edited);
    expect(then.records.note).toEqual([{ id: 'n1', text: 'first', ciIds: ['db'], status: 'open' }]);
    expect(now.records.note).toEqual([{ id: 'n1', text: 'second', ciIds: ['db'], status: 'closed' }]);
    expect(documentAsOf(null, journal, '2025-01-01T00:00:00.000Z').records).toEqual({});

    const diff = diffCmdb(then, now);
    expect(diffIsEmpty(diff)).toBe(false);
    expect(diff.counts.records.note).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 0 });
    expect(diff.records.note.changed[0].changes).toEqual([
      { field: 'status', before: 'open', after: 'closed' },
      { field: 'text', before: 'first', after: 'second' },
    ]);
    expect(diffIsEmpty(diffCmdb(now, now))).toBe(true);
    const added = diffCmdb({ cis: [], relationships: [] }, now);
    expect(added.records.note.added.map((n) => n.id)).toEqual(['n1']);
  });

  it('round-trips through a JSON snapshot, checked against its kind on the way back', () => {
    const { cmdb } = cmdbWithCis();
    cmdb.createRecord('note', { id: 'n2', text: 'b', ciIds: ['app'], status: 'open' });
    cmdb.createRecord('note', { id: 'n1', text: 'a', ciIds: [], status: 'closed' });
    const text = writeJsonSnapshot({ cis: [...cmdb.graph.cis()], relationships: [] }, { records: recordsOf(cmdb) });
    const parsed = CmdbDocumentSchema.parse(JSON.parse(text));
    const checked = checkDocumentRecords(parsed.records);
    expect(checked).toEqual({ ok: true, value: recordsOf(cmdb) });
    expect(checked.ok && checked.value.note.map((n) => n.id)).toEqual(['n1', 'n2']);
    const broken = JSON.parse(text) as { records: { note: { text: string }[] } };
    broken.records.note[1].text = '';
    expect(checkDocumentRecords(broken.records)).toEqual({ ok: false, field: 'records.note[1].text', message: 'must not be empty' });
    expect(checkDocumentRecords({ note: [{ id: 'x', text: 'a', ciIds: [], status: 'open' }, { id: 'x', text: 'b', ciIds: [], status: 'open' }] })).toMatchObject({
      ok: false,
      field: 'records.note[1].id',
    });
  });
});

describe('references between kinds', () => {
  it('a record must name CIs that exist', () => {
    const { cmdb } = cmdbWithCis();
    const error = cmdbErrorOf(() => cmdb.createRecord('note', { text: 'x', ciIds: ['db', 'ghost'], status: 'open' }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'ciIds[1]', message: 'ciIds[1]: no CI with id ghost' });
    cmdb.createRecord('note', { id: 'n', text: 'x', ciIds: ['db'], status: 'open' });
    expect(cmdbErrorOf(() => cmdb.updateRecord('note', 'n', { ciIds: ['ghost'] }))).toMatchObject({ field: 'ciIds[0]' });
  });

  it('deleting a CI an open record names is refused, naming the record; nothing changes', () => {
    const { cmdb } = cmdbWithCis();
    cmdb.createRecord('note', { id: 'n', text: 'Patch window agreed', ciIds: ['app', 'db'], status: 'open' });
    const seq = cmdb.lastSeq;
    const error = cmdbErrorOf(() => cmdb.deleteCi('db'));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('id: orders-db cannot be deleted: note Patch window agreed (ciIds[1]) still name it; close them or remove it from them first');
    expect(cmdb.graph.hasCi('db')).toBe(true);
    expect(cmdb.lastSeq).toBe(seq);
  });

  it('a closed record lets the CI go and keeps a tombstone with its name; undo brings both back as they were', () => {
    const { cmdb } = cmdbWithCis();
    cmdb.createRecord('note', { id: 'n', text: 'Done', ciIds: ['db'], status: 'closed' });
    const { tx } = cmdb.deleteCi('db');
    expect(tx.records.map((r) => [r.entity, r.op, r.id])).toEqual([
      ['ci', 'delete', 'db'],
      ['tombstone', 'create', 'db'],
    ]);
    expect(cmdb.records.get('tombstone', 'db')).toMatchObject({ id: 'db', name: 'orders-db', class: 'database' });
    // The closed note still names it, and may still be edited.
    expect(cmdb.updateRecord('note', 'n', { text: 'Done, db retired' }).record).toMatchObject({ ciIds: ['db'] });
    // Reopening it would name a CI that is gone.
    expect(cmdbErrorOf(() => cmdb.updateRecord('note', 'n', { status: 'open' }))).toMatchObject({ field: 'ciIds[0]' });
    expect(cmdbErrorOf(() => cmdb.createCi({ id: 'db', name: 'new db', class: 'database' }))).toMatchObject({ code: 'conflict', field: 'id' });

    cmdb.undo(); // the note edit
    cmdb.undo(); // the delete
    expect(cmdb.graph.getCi('db')?.name).toBe('orders-db');
    expect(cmdb.records.has('tombstone', 'db')).toBe(false);
  });

  it('deleting a record another open record names is refused too', () => {
    const { cmdb } = cmdbWithCis();
    cmdb.createRecord('note', { id: 'n', text: 'x', ciIds: [], status: 'open' });
    expect(cmdb.deleteRecord('note', 'n').tx.records).toHaveLength(1);
    expect(cmdbErrorOf(() => cmdb.deleteRecord('note', 'n'))).toMatchObject({ code: 'not_found' });
  });
});
