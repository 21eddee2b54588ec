// The change-request operations of the contract (change.*): the core's rules
// (src/core/changes) over the open document, each edit persisted before it is answered.
import type { Cmdb, Transaction } from '../../core/graph/cmdb';
import { allowedTransitions, CHANGE_KIND_NAME, compareSnapshots, impactSnapshot, requireChange, transitionChange, voteOnChange } from '../../core/changes';
import type { Change } from '../../shared/changes';
import type { ChangeDetails, DocumentInfo, OperationName, OperationOutput, ParsedInput } from '../../shared/operations';

type ChangeOperationName = Extract<OperationName, `change.${string}`>;

export type ChangeHandlers = {
  [N in ChangeOperationName]: (input: ParsedInput<N>) => Promise<OperationOutput<N>> | OperationOutput<N>;
};

export interface ChangeServiceContext {
  cmdb(): Cmdb;
  persist(tx: Transaction): Promise<void>;
  documentInfo(): DocumentInfo;
}

function details(change: Change): ChangeDetails {
  return { change, allowed: allowedTransitions(change) };
}

export function createChangeHandlers(ctx: ChangeServiceContext): ChangeHandlers {
  const saved = async (result: { change: Change; tx: Transaction }) => {
    await ctx.persist(result.tx);
    return { value: details(result.change), info: ctx.documentInfo() };
  };
  return {
    'change.list': ({ states }) => {
      const wanted = states && states.length > 0 ? new Set(states) : null;
      const all = [...ctx.cmdb().records.list(CHANGE_KIND_NAME)] as Change[];
      return all.filter((c) => !wanted || wanted.has(c.state)).sort((a, b) => (a.number < b.number ? 1 : a.number > b.number ? -1 : 0));
    },
    'change.get': ({ id }) => details(requireChange(ctx.cmdb(), id)),
    'change.create': ({ change }) => {
      const { record, tx } = ctx.cmdb().createRecord(CHANGE_KIND_NAME, change);
      return saved({ change: record as Change, tx });
    },
    'change.update': ({ id, patch }) => {
      const { record, tx } = ctx.cmdb().updateRecord(CHANGE_KIND_NAME, id, patch);
      return saved({ change: record as Change, tx });
    },
    'change.transition': ({ id, ...move }) => saved(transitionChange(ctx.cmdb(), id, move)),
    'change.vote': ({ id, vote, comment }) => saved(voteOnChange(ctx.cmdb(), id, vote, comment)),
    'change.recompute': ({ id }) => {
      const cmdb = ctx.cmdb();
      const change = requireChange(cmdb, id);
      const now = impactSnapshot(cmdb.graph, change.targets, new Date().toISOString());
      const frozen = change.impactSnapshot;
      const comparison = frozen ? compareSnapshots(frozen, now) : { cmdbMoved: true, servicesAdded: now.services.map((s) => s.id), servicesRemoved: [], cisAdded: now.impacted.map((c) => c.id), cisRemoved: [], levelsMoved: [] };
      return { frozen, now, ...comparison };
    },
  };
}
