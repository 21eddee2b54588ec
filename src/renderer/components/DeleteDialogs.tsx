// Confirmations for deleting a CI (saying how many relationships go with it) and a relationship.
import { useEffect, useState } from 'react';
import type { CiDetails, RelationshipWithPeer } from '../../shared/operations';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { RELATIONSHIP_STYLES } from '../graph/class-style';
import { useDataStore } from '../state/data-store';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { ConfirmDialog } from './ConfirmDialog';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function DeleteCiDialog({ ciId }: { ciId: string }) {
  const cached = useDataStore((s) => (s.details?.ci.id === ciId ? s.details : null));
  const [details, setDetails] = useState<CiDetails | null>(cached);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Ask again: the count must be what the core holds now.
    api
      .call('ci.get', { id: ciId })
      .then((d) => live && setDetails(d))
      .catch((e: unknown) => live && setLoadError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [ciId]);

  const count = details ? details.incoming.length + details.outgoing.length : null;
  return (
    <ConfirmDialog
      title={`Delete ${details?.ci.name ?? 'CI'}?`}
      confirmLabel="Delete CI"
      testId="delete-ci-dialog"
      onConfirm={async () => {
        await mutate('ci.delete', { id: ciId });
        const view = useViewStore.getState();
        view.setSelection(view.selection.filter((id) => id !== ciId));
      }}
    >
      {loadError && <p className="field-error">{loadError}</p>}
      {details && count !== null && (
        <p data-testid="delete-ci-message">
          {count === 0
            ? `${details.ci.name} has no relationships. It will be deleted.`
            : `${plural(count, 'relationship')} (${details.incoming.length} incoming, ${details.outgoing.length} outgoing) will be deleted with ${details.ci.name}.`}{' '}
          You can undo this.
        </p>
      )}
    </ConfirmDialog>
  );
}

export function findRelationship(details: CiDetails | null, id: string): { item: RelationshipWithPeer; outgoing: boolean } | null {
  if (!details) return null;
  const out = details.outgoing.find((r) => r.relationship.id === id);
  if (out) return { item: out, outgoing: true };
  const inc = details.incoming.find((r) => r.relationship.id === id);
  return inc ? { item: inc, outgoing: false } : null;
}

export function DeleteRelationshipDialog({ relationshipId }: { relationshipId: string }) {
  const details = useDataStore((s) => s.details);
  const found = findRelationship(details, relationshipId);
  if (!details || !found) return null;
  const { item, outgoing } = found;
  const [source, target] = outgoing ? [details.ci.name, item.peer.name] : [item.peer.name, details.ci.name];
  return (
    <ConfirmDialog
      title="Delete relationship?"
      confirmLabel="Delete relationship"
      testId="delete-relationship-dialog"
      onConfirm={async () => {
        await mutate('rel.delete', { id: relationshipId });
      }}
    >
      <p>
        <strong>{source}</strong> {RELATIONSHIP_STYLES[item.relationship.type].verb} <strong>{target}</strong>
        {item.relationship.strength === 'soft' ? ' (soft)' : ''}. You can undo this.
      </p>
    </ConfirmDialog>
  );
}
