// A CI's relationships, outgoing or incoming, grouped by type; each peer is clickable and
// each relationship can be edited or deleted. A hub's long groups list their first rows and a "Show all".
import { useState } from 'react';
import type { RelationshipType } from '../../shared/model';
import { RELATIONSHIP_TYPES } from '../../shared/model';
import type { RelationshipWithPeer } from '../../shared/operations';
import { RELATIONSHIP_STYLES } from '../graph/class-style';
import { focusCi } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { ClassIcon } from './ClassIcon';
import { RELATIONSHIP_ROWS } from './relationship-rows';

interface RelationshipListProps {
  title: string;
  direction: 'outgoing' | 'incoming';
  items: RelationshipWithPeer[];
}

export function RelationshipList({ title, direction, items }: RelationshipListProps) {
  const theme = useViewStore((s) => s.theme);
  const openDialog = useViewStore((s) => s.openDialog);
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(() => new Set());
  const groups = RELATIONSHIP_TYPES.map((type) => ({
    type,
    items: items.filter((item) => item.relationship.type === type).sort((a, b) => a.peer.name.localeCompare(b.peer.name)),
  })).filter((group) => group.items.length > 0);

  return (
    <section className="panel-section" data-testid={`relationships-${direction}`}>
      <h3>
        {title} <span className="faint">{items.length}</span>
      </h3>
      {groups.length === 0 && <div className="faint">None</div>}
      {groups.map((group) => (
        <div key={group.type} className="rel-group" data-testid="rel-group" data-type={group.type}>
          <div className="rel-group-title" style={{ color: RELATIONSHIP_STYLES[group.type as RelationshipType].colour[theme] }}>
            <span className="rel-swatch" />
            <span style={{ color: 'var(--text-muted)' }}>
              {direction === 'outgoing' ? `This CI ${RELATIONSHIP_STYLES[group.type].verb}` : `${RELATIONSHIP_STYLES[group.type].label} this CI`}
            </span>
          </div>
          {(unfolded.has(group.type) ? group.items : group.items.slice(0, RELATIONSHIP_ROWS)).map(({ relationship, peer }) => (
            <div key={relationship.id} className="rel-row" data-testid="relationship-row" data-relationship-id={relationship.id}>
              <button type="button" className="rel-peer" title={`Select ${peer.name}`} data-testid="relationship-peer" onClick={() => focusCi(peer.id)}>
                <ClassIcon ciClass={peer.class} />
                <span className="name">{peer.name}</span>
                {relationship.strength === 'soft' && <span className="tag-soft">soft</span>}
              </button>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                title="Edit relationship"
                aria-label={`Edit relationship with ${peer.name}`}
                onClick={() => openDialog({ kind: 'rel-edit', relationshipId: relationship.id })}
              >
                Edit
              </button>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                title="Delete relationship"
                aria-label={`Delete relationship with ${peer.name}`}
                data-testid="relationship-delete"
                onClick={() => openDialog({ kind: 'rel-delete', relationshipId: relationship.id })}
              >
                ✕
              </button>
            </div>
          ))}
          {group.items.length > RELATIONSHIP_ROWS && !unfolded.has(group.type) && (
            <button type="button" className="link" data-testid="relationship-more" onClick={() => setUnfolded(new Set([...unfolded, group.type]))}>
              Show all {group.items.length.toLocaleString('en')}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
