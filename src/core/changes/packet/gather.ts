// The packet of a change on the open document: its targets' blast radius and the CMDB state
// identifier computed now, names of deleted CIs from their tombstones.
import type { Change } from '../../../shared/changes';
import { TOMBSTONE_KIND, type Tombstone } from '../../../shared/record-kinds';
import type { Conflict, RiskAssessment } from '../../../shared/risk';
import type { Cmdb } from '../../graph/cmdb';
import { blastRadius } from '../../impact';
import { cmdbHash } from '../cmdb-hash';
import { cabPacket, type CabPacket } from './model';

export function changePacket(cmdb: Cmdb, assessed: { change: Change; risk: RiskAssessment; conflicts: Conflict[] }, generatedAt: string): CabPacket {
  const { graph } = cmdb;
  const present = assessed.change.targets.filter((t) => graph.hasCi(t.ciId));
  const blast = present.length === 0 ? null : blastRadius(graph, { targets: present.map((t) => ({ ciId: t.ciId, mode: t.mode })) });
  return cabPacket({
    ...assessed,
    blast,
    currentHash: cmdbHash(graph),
    nameOf: (id) => graph.getCi(id)?.name ?? (cmdb.records.get(TOMBSTONE_KIND.name, id) as Tombstone | undefined)?.name,
    generatedAt,
  });
}
