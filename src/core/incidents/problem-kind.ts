// The problem as a record kind: PRB numbers, open on creation; it names its incidents and its
// root-cause CI, which must exist; closed once resolved; an import sets its number and status (incident-import.ts).
import { ProblemInputSchema, ProblemPatchSchema, ProblemSchema, type Problem } from '../../shared/incidents';
import { parseOrThrow } from '../graph/validation';
import { defineStoredKind } from '../records/define';
import { nextNumber } from '../records/numbering';
import { importedProblem } from './incident-import';
import { PROBLEM_KIND_NAME } from './lifecycle';

export const PROBLEM_KIND = defineStoredKind<Problem>({
  name: PROBLEM_KIND_NAME,
  label: 'problem',
  plural: 'problems',
  idPrefix: 'prb',
  schema: ProblemSchema,
  title: (problem) => `${problem.number} ${problem.title}`,
  references: (problem) => [
    ...problem.incidentIds.map((id, i) => ({ kind: 'incident', id, field: `incidentIds[${i}]` })),
    ...(problem.rootCauseCiId ? [{ kind: 'ci', id: problem.rootCauseCiId, field: 'rootCauseCiId' }] : []),
  ],
  isClosed: (problem) => problem.status === 'resolved',
  prepareCreate(input, id, context) {
    const { id: _id, ...fields } = input;
    const parsed = parseOrThrow(ProblemInputSchema, fields);
    return {
      ...parsed,
      incidentIds: [...new Set(parsed.incidentIds)],
      id,
      number: nextNumber(context.state, PROBLEM_KIND_NAME, 'PRB'),
      status: 'open',
      resolvedAt: null,
      createdAt: context.now,
      updatedAt: context.now,
    } satisfies Problem;
  },
  prepareUpdate(before, patch, context) {
    const { id: _id, ...fields } = patch;
    const parsed = parseOrThrow(ProblemPatchSchema, fields);
    return { ...before, ...parsed, ...(parsed.incidentIds ? { incidentIds: [...new Set(parsed.incidentIds)] } : {}), updatedAt: context.now } satisfies Problem;
  },
  prepareImport: importedProblem,
});
