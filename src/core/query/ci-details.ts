// One CI with its relationships, each with a short summary of the CI at the other end.
import type { Relationship } from '../../shared/model';
import type { CiDetails, RelationshipWithPeer } from '../../shared/operations';
import type { CmdbGraph } from '../graph/cmdb-graph';
import { CmdbError } from '../graph/errors';

export function ciDetails(graph: CmdbGraph, id: string): CiDetails {
  const ci = graph.getCi(id);
  if (!ci) throw new CmdbError('not_found', `id: no CI with id ${id}`, 'id');
  const withPeer = (rels: Relationship[], peerOf: (r: Relationship) => string): RelationshipWithPeer[] =>
    rels
      .map((relationship) => {
        const peer = graph.getCi(peerOf(relationship));
        if (!peer) throw new Error(`relationship ${relationship.id} points at a missing CI`);
        return { relationship, peer: { id: peer.id, name: peer.name, class: peer.class } };
      })
      .sort((a, b) => a.relationship.type.localeCompare(b.relationship.type) || a.peer.name.localeCompare(b.peer.name));
  return {
    ci,
    outgoing: withPeer(graph.outgoing(id), (r) => r.target),
    incoming: withPeer(graph.incoming(id), (r) => r.source),
  };
}
