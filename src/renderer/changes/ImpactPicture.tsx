// The change's impact graph as the CAB packet draws it (targets left, then hop by hop to the
// services), shown in the detail: the same picture the packet hands out.
import { useEffect, useState } from 'react';
import type { Change } from '../../shared/changes';
import { api } from '../api/client';
import { errorMessage } from '../api/api-error';
import { useDataStore } from '../state/data-store';

export function ImpactPicture({ change }: { change: Change }) {
  const revision = useDataStore((s) => s.info?.revision);
  const [zoomed, setZoomed] = useState(false);
  const [picture, setPicture] = useState<{ key: string; url: string | null; error: string | null }>({ key: '', url: null, error: null });
  const key = `${change.id}:${change.updatedAt}:${revision}`;
  useEffect(() => {
    let live = true;
    let url: string | null = null;
    api.call('change.report', { id: change.id, format: 'svg' }).then(
      ({ files }) => {
        if (!live) return;
        url = URL.createObjectURL(new Blob([files[0].content], { type: 'image/svg+xml' }));
        setPicture({ key, url, error: null });
      },
      (e: unknown) => live && setPicture({ key, url: null, error: errorMessage(e) }),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [key, change.id]);
  if (change.targets.length === 0 || picture.key !== key) return null;
  if (picture.error) return <p className="form-error">Could not draw the impact graph: {picture.error}</p>;
  return picture.url ? (
    <figure className={`impact-picture${zoomed ? ' zoomed' : ''}`} data-testid="impact-picture">
      <button type="button" className="picture-zoom" title={zoomed ? 'Fit the picture to the pane' : 'Show the picture at full size'} onClick={() => setZoomed(!zoomed)}>
        <img src={picture.url} alt={`Impact graph of ${change.number}: the targets, and the path from them to each impacted service`} />
      </button>
    </figure>
  ) : null;
}
