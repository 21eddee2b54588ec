// Renders whichever dialog the view store says is open.
import { ChangeFormDialog } from '../changes/ChangeFormDialog';
import { ChangeMoveDialog } from '../changes/ChangeMoveDialog';
import { RiskWeightsDialog } from '../changes/RiskWeightsDialog';
import { WindowsDialog } from '../changes/WindowsDialog';
import { useChangesStore } from '../changes/changes-store';
import { IncidentFormDialog } from '../incidents/IncidentFormDialog';
import { IncidentSettingsDialog } from '../incidents/IncidentSettingsDialog';
import { useIncidentsStore } from '../incidents/incidents-store';
import { useDataStore } from '../state/data-store';
import { useViewStore } from '../state/view-store';
import { CiFormDialog } from './CiFormDialog';
import { DeleteCiDialog, DeleteRelationshipDialog, findRelationship } from './DeleteDialogs';
import { DocPathDialog } from './DocPathDialog';
import { RelationshipFormDialog } from './RelationshipFormDialog';
import { SearchPalette } from './SearchPalette';

export function DialogHost() {
  const dialog = useViewStore((s) => s.dialog);
  const details = useDataStore((s) => s.details);
  const change = useChangesStore((s) => s.details);
  const incident = useIncidentsStore((s) => s.details);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'search':
      return <SearchPalette />;
    case 'ci-create':
      return <CiFormDialog ci={null} />;
    case 'ci-edit':
      return details?.ci.id === dialog.ciId ? <CiFormDialog key={dialog.ciId} ci={details.ci} /> : null;
    case 'ci-delete':
      return <DeleteCiDialog ciId={dialog.ciId} />;
    case 'rel-create':
      return details?.ci.id === dialog.ciId ? <RelationshipFormDialog mode="create" from={details.ci} /> : null;
    case 'rel-edit': {
      const found = findRelationship(details, dialog.relationshipId);
      if (!details || !found) return null;
      const [sourceName, targetName] = found.outgoing ? [details.ci.name, found.item.peer.name] : [found.item.peer.name, details.ci.name];
      return <RelationshipFormDialog mode="edit" relationship={found.item.relationship} sourceName={sourceName} targetName={targetName} />;
    }
    case 'rel-delete':
      return <DeleteRelationshipDialog relationshipId={dialog.relationshipId} />;
    case 'doc-path':
      return <DocPathDialog key={dialog.command} command={dialog.command} />;
    case 'change-create':
      return <ChangeFormDialog mode="create" targets={dialog.targets} />;
    case 'change-edit':
      return change?.change.id === dialog.changeId ? <ChangeFormDialog key={dialog.changeId} mode="edit" change={change.change} /> : null;
    case 'change-move':
      return change?.change.id === dialog.changeId ? <ChangeMoveDialog key={`${dialog.changeId}-${dialog.to}`} details={change} to={dialog.to} defaultComment={dialog.comment} /> : null;
    case 'incident-settings':
      return <IncidentSettingsDialog />;
    case 'windows':
      return <WindowsDialog />;
    case 'risk-weights':
      return <RiskWeightsDialog />;
    case 'incident-create':
      return <IncidentFormDialog mode="create" affected={dialog.affected} />;
    case 'incident-edit':
      return incident?.incident.id === dialog.incidentId ? <IncidentFormDialog key={dialog.incidentId} mode="edit" incident={incident.incident} names={incident.names} /> : null;
  }
}
