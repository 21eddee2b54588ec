// A kind stored as validated records (everything but CIs and relationships): apply, get, list,
// count and diff come from the RecordSet and the generic field diff; the kind gives its
// contract, its title and, if it has them, its references and its own create/edit rules.
import type { KindRecord, RecordKindInfo } from '../../shared/record-kinds';
import { recordChanges } from './field-changes';
import type { RecordKind } from './registry';

export type StoredKindDefinition<T extends KindRecord> = Omit<RecordKindInfo<T>, 'storage'> &
  Pick<RecordKind<T>, 'title' | 'references' | 'isClosed' | 'prepareCreate' | 'prepareUpdate' | 'prepareImport'> & {
    changes?: RecordKind<T>['changes'];
  };

export function defineStoredKind<T extends KindRecord>(definition: StoredKindDefinition<T>): RecordKind<T> {
  const { name } = definition;
  return {
    changes: (before, after, options) => recordChanges(before, after, options),
    ...definition,
    storage: 'records',
    apply(state, id, after) {
      if (after) state.records.put(name, after);
      else state.records.remove(name, id);
    },
    get: (state, id) => state.records.get(name, id) as T | undefined,
    list: (state) => state.records.list(name) as Iterable<T>,
    count: (state) => state.records.count(name),
  };
}

