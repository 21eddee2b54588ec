// The incident and problem operations of the contract (incident.*, problem.*, ci.activity): the
// core's rules (src/core/incidents) over the open document, each edit persisted before it is
// answered; the incidents and problems lists are also exported as CSV or Excel (incident.export).
import { allChanges, CHANGE_KIND_NAME } from '../../core/changes';
import type { Cmdb, Transaction } from '../../core/graph/cmdb';
import { CmdbError } from '../../core/graph/errors';
import {
  allowedIncidentMoves,
  allowedProblemMoves,
  commonCause,
  implementedAt,
  INCIDENT_KIND_NAME,
  incidentSettingsOf,
  incidentStats,
  incidentsTouching,
  isOpenIncident,
  probableCauses,
  PROBLEM_KIND_NAME,
  requireIncident,
  requireProblem,
  sameOutage,
  setIncidentSettings,
  slaOf,
  transitionIncident,
  transitionProblem,
  upstreamOf,
} from '../../core/incidents';
import { incidentTable, problemTable, tableToCsv } from '../../core/formats/export';
import type { Change } from '../../shared/changes';
import type { Incident, Problem } from '../../shared/incidents';
import { TOMBSTONE_KIND, type Tombstone } from '../../shared/record-kinds';
import { writeXlsxSheets, XLSX_MIME_TYPE, XLSX_SHEETS } from '../export';
import type { ChangeServiceContext } from './change-handlers';
import type { CiActivity, ExportedFile, IncidentDetails, IncidentListItem, OperationName, OperationOutput, ParsedInput, ProblemDetails } from '../../shared/operations';

type IncidentOperationName = Extract<OperationName, `incident.${string}` | `problem.${string}` | 'ci.activity'>;

export type IncidentHandlers = {
  [N in IncidentOperationName]: (input: ParsedInput<N>) => Promise<OperationOutput<N>> | OperationOutput<N>;
};

/** The same open document, persistence and document info as the change operations use. */
export type IncidentServiceContext = ChangeServiceContext;

const newestFirst = (a: { number: string }, b: { number: string }) => (a.number < b.number ? 1 : a.number > b.number ? -1 : 0);

/** Id → name of every CI named in `lists` (a deleted CI keeps its id). */
function namesOf(cmdb: Cmdb, lists: readonly (readonly string[])[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const list of lists) for (const id of list) names[id] ??= cmdb.graph.getCi(id)?.name ?? id;
  return names;
}

export function createIncidentHandlers(ctx: IncidentServiceContext): IncidentHandlers {
  const incidents = () => [...ctx.cmdb().records.list(INCIDENT_KIND_NAME)] as Incident[];
  const problems = () => [...ctx.cmdb().records.list(PROBLEM_KIND_NAME)] as Problem[];
  /** Each incident's problem: the one listing it. */
  const problemOf = () => {
    const of = new Map<string, { id: string; number: string }>();
    for (const p of problems()) for (const id of p.incidentIds) of.set(id, { id: p.id, number: p.number });
    return of;
  };
  const listItem = (incident: Incident, problems: ReadonlyMap<string, { id: string; number: string }>, now: number): IncidentListItem => ({
    incident,
    sla: slaOf(incident, incidentSettingsOf(ctx.cmdb()).settings.sla, now),
    problem: problems.get(incident.id) ?? null,
  });
  const details = (incident: Incident, lookbackHours = 72): IncidentDetails => {
    const cmdb = ctx.cmdb();
    const upstream = upstreamOf(cmdb.graph, incident.affectedCiIds);
    const cause = incident.causedByChangeId ? (cmdb.records.get(CHANGE_KIND_NAME, incident.causedByChangeId) as Change | undefined) : undefined;
    const answer = {
      ...listItem(incident, problemOf(), Date.now()),
      allowed: allowedIncidentMoves(incident),
      probableCauses: probableCauses(cmdb.graph, incident, allChanges(cmdb), lookbackHours, upstream),
      sameOutage: sameOutage(cmdb.graph, incident, incidents(), upstream),
      causedBy: cause ? { id: cause.id, number: cause.number, title: cause.title } : null,
    };
    return { ...answer, names: namesOf(cmdb, [incident.affectedCiIds, ...answer.probableCauses.map((c) => c.path), ...answer.sameOutage.map((o) => o.path)]) };
  };
  const problemDetails = (problem: Problem): ProblemDetails => {
    const cmdb = ctx.cmdb();
    const of = problemOf();
    const now = Date.now();
    return {
      problem,
      allowed: allowedProblemMoves(problem),
      incidents: problem.incidentIds.map((id) => listItem(requireIncident(cmdb, id), of, now)),
      rootCauseName: problem.rootCauseCiId ? (cmdb.graph.getCi(problem.rootCauseCiId)?.name ?? problem.rootCauseCiId) : null,
    };
  };
  /** A CI's name, or the deleted CI's kept in its tombstone. */
  const ciName = (id: string): string | undefined => {
    const cmdb = ctx.cmdb();
    return cmdb.graph.getCi(id)?.name ?? (cmdb.records.get(TOMBSTONE_KIND.name, id) as Tombstone | undefined)?.name;
  };
  const changeNumber = (id: string): string | undefined => (ctx.cmdb().records.get(CHANGE_KIND_NAME, id) as Change | undefined)?.number;
  const incidentNumber = (id: string): string | undefined => (ctx.cmdb().records.get(INCIDENT_KIND_NAME, id) as Incident | undefined)?.number;
  const savedIncident = async ({ record, tx }: { record: unknown; tx: Transaction }) => {
    await ctx.persist(tx);
    return { value: details(record as Incident), info: ctx.documentInfo() };
  };
  const savedProblem = async ({ record, tx }: { record: unknown; tx: Transaction }) => {
    await ctx.persist(tx);
    return { value: problemDetails(record as Problem), info: ctx.documentInfo() };
  };
  return {
    'incident.list': ({ statuses, priorities, serviceId, breached }) => {
      const now = Date.now();
      const of = problemOf();
      const wanted = statuses && statuses.length > 0 ? new Set(statuses) : null;
      const levels = priorities && priorities.length > 0 ? new Set<number>(priorities) : null;
      return incidents()
        .filter((i) => (!wanted || wanted.has(i.status)) && (!levels || levels.has(i.priority)))
        .filter((i) => !serviceId || i.affectedCiIds.includes(serviceId) || i.affectedServices.some((s) => s.id === serviceId))
        .sort(newestFirst)
        .map((i) => listItem(i, of, now))
        .filter((item) => breached === undefined || item.sla.breached === breached);
    },
    'incident.get': ({ id, lookbackHours }) => details(requireIncident(ctx.cmdb(), id), lookbackHours),
    'incident.create': ({ incident }) => savedIncident(ctx.cmdb().createRecord(INCIDENT_KIND_NAME, incident)),
    'incident.update': ({ id, patch }) => savedIncident(ctx.cmdb().updateRecord(INCIDENT_KIND_NAME, id, patch)),
    'incident.transition': async ({ id, to }) => {
      const { incident, tx } = transitionIncident(ctx.cmdb(), id, to);
      return savedIncident({ record: incident, tx });
    },
    'incident.commonCause': ({ incidentIds, sinceHours }) => {
      const cmdb = ctx.cmdb();
      let chosen: Incident[];
      if (incidentIds && incidentIds.length > 0) chosen = [...new Set(incidentIds)].map((id) => requireIncident(cmdb, id));
      else {
        const since = Date.now() - sinceHours * 3_600_000;
        chosen = incidents().filter((i) => isOpenIncident(i) && Date.parse(i.openedAt) >= since);
      }
      const result = commonCause(cmdb.graph, chosen.sort((a, b) => (a.number < b.number ? -1 : 1)));
      return {
        ...result,
        names: namesOf(cmdb, [result.candidates.map((c) => c.ciId), ...result.candidates.flatMap((c) => c.paths.map((p) => p.path))]),
        incidents: chosen.map((i) => ({ id: i.id, number: i.number, title: i.title })),
      };
    },
    'incident.getSettings': () => incidentSettingsOf(ctx.cmdb()),
    'incident.setSettings': async ({ settings }) => {
      const tx = setIncidentSettings(ctx.cmdb(), settings);
      if (tx) await ctx.persist(tx);
      return { value: incidentSettingsOf(ctx.cmdb()), info: ctx.documentInfo() };
    },
    'problem.list': ({ statuses }) => {
      const wanted = statuses && statuses.length > 0 ? new Set(statuses) : null;
      return problems().filter((p) => !wanted || wanted.has(p.status)).sort(newestFirst);
    },
    'problem.get': ({ id }) => problemDetails(requireProblem(ctx.cmdb(), id)),
    'problem.create': ({ problem }) => {
      const listed = problemOf();
      const taken = (problem.incidentIds ?? []).find((id) => listed.has(id));
      if (taken) throw new CmdbError('conflict', `incidentIds: ${requireIncident(ctx.cmdb(), taken).number} already belongs to ${listed.get(taken)?.number}`, 'incidentIds');
      return savedProblem(ctx.cmdb().createRecord(PROBLEM_KIND_NAME, problem));
    },
    'problem.update': ({ id, patch }) => savedProblem(ctx.cmdb().updateRecord(PROBLEM_KIND_NAME, id, patch)),
    'problem.transition': async ({ id, to }) => {
      const { problem, tx } = transitionProblem(ctx.cmdb(), id, to);
      return savedProblem({ record: problem, tx });
    },
    'incident.export': async ({ format, kind }) => {
      const table = kind === 'incidents' ? incidentTable(incidents(), problems(), { ciName, changeNumber }) : problemTable(problems(), { ciName, incidentNumber });
      if (format === 'csv') return { files: [{ name: `${kind}.csv`, mimeType: 'text/csv', encoding: 'utf8', content: tableToCsv(table) } satisfies ExportedFile] };
      const buffer = await writeXlsxSheets([{ name: XLSX_SHEETS[kind], table }]);
      return { files: [{ name: `${kind}.xlsx`, mimeType: XLSX_MIME_TYPE, encoding: 'base64', content: buffer.toString('base64') } satisfies ExportedFile] };
    },
    'ci.activity': ({ id, days }): CiActivity => {
      const cmdb = ctx.cmdb();
      if (!cmdb.graph.hasCi(id)) throw new CmdbError('not_found', `id: no CI with id ${id}`, 'id');
      const now = Date.now();
      const since = now - days * 86_400_000;
      const all = incidents();
      const touching = incidentsTouching(all, new Set([id]), since, now);
      const stats = incidentStats(touching);
      const recentChanges = allChanges(cmdb)
        .filter((c) => c.targets.some((t) => t.ciId === id))
        .filter((c) => {
          const at = implementedAt(c);
          return at === null ? c.state !== 'cancelled' && c.state !== 'rejected' : at >= since;
        })
        .sort(newestFirst)
        .map((c) => ({ id: c.id, number: c.number, title: c.title, state: c.state, windowStart: c.window?.start ?? null }));
      return {
        openIncidents: all.filter((i) => isOpenIncident(i) && (i.affectedCiIds.includes(id) || i.affectedServices.some((s) => s.id === id))).sort(newestFirst),
        recentChanges,
        incidentCount: stats.count,
        mttrMinutes: stats.mttrMinutes,
        days,
      };
    },
  };
}
