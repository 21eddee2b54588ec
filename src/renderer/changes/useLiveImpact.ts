// The blast radius of a change's targets on the CMDB as it is now, refetched when the document or
// the targets move. The change detail shows its services' paths and the targets' names from it.
import { useEffect, useState } from 'react';
import type { Change } from '../../shared/changes';
import type { BlastRadiusResult } from '../../shared/impact-types';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { useDataStore } from '../state/data-store';

export function useLiveImpact(change: Change): { result: BlastRadiusResult | null; error: string | null } {
  const revision = useDataStore((s) => s.info?.revision);
  const [state, setState] = useState<{ key: string; result: BlastRadiusResult | null; error: string | null }>({ key: '', result: null, error: null });
  const key = `${change.id}:${JSON.stringify(change.targets)}:${revision}`;
  useEffect(() => {
    let live = true;
    if (change.targets.length === 0) {
      setState({ key, result: null, error: null });
      return;
    }
    api.call('impact.blastRadius', { targets: change.targets }).then(
      (result) => live && setState({ key, result, error: null }),
      (error: unknown) => live && setState({ key, result: null, error: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [key, change.targets]);
  return state.key === key ? state : { result: null, error: null };
}
