// The Explore screen: toolbar on top, filters left, graph centre, inspector right, status bar below.
import { ErrorBanner, NoticeBanner } from './components/Banners';
import { DialogHost } from './components/DialogHost';
import { FiltersPanel } from './components/FiltersPanel';
import { GraphPane } from './components/GraphPane';
import { Inspector } from './components/Inspector';
import { StatusBar } from './components/StatusBar';
import { Toolbar } from './components/Toolbar';
import { DataLayer } from './data/DataLayer';
import { OverlayBanner } from './data/DiffPanel';
import { useAutoFocus } from './hooks/useAutoFocus';
import { useDataSync } from './hooks/useDataSync';
import { useDocumentTitle } from './hooks/useDocumentTitle';
import { useMenuCommands } from './hooks/useMenuCommands';
import { useShortcuts } from './hooks/useShortcuts';
import { useSystemTheme } from './hooks/useSystemTheme';
import { ImpactPanel } from './impact/ImpactPanel';
import { useImpactStore } from './impact/impact-store';
import { useImpactShortcuts } from './impact/useImpactShortcuts';
import { useDataStore } from './state/data-store';
import { useViewStore } from './state/view-store';
import { CabScreen } from './changes/CabScreen';
import { ChangesScreen } from './changes/ChangesScreen';
import { ScheduleScreen } from './changes/ScheduleScreen';
import { IncidentsScreen } from './incidents/IncidentsScreen';
import { useIncidentsStore } from './incidents/incidents-store';
import { useWorkspaceStore } from './state/workspace-store';
import { useChangesStore } from './changes/changes-store';
import { useRevisionRefresh } from './hooks/useRevisionRefresh';

function Fatal({ message }: { message: string }) {
  return (
    <div className="graph-overlay empty-state" role="alert" data-testid="fatal">
      <h2>Faultline cannot reach its data</h2>
      <p>{message}</p>
    </div>
  );
}

export function App() {
  useSystemTheme();
  useDataSync();
  useAutoFocus();
  useShortcuts();
  useImpactShortcuts();
  useMenuCommands();
  useDocumentTitle();
  const workspace = useWorkspaceStore((s) => s.workspace);
  // The changes list assesses every change (risk and conflicts: about a second for 1,000 at 100k
  // CIs): fetched for the screens that show it, not after each edit on Explore. Incidents are
  // always kept: the graph's badges show them.
  useRevisionRefresh(
    useChangesStore((s) => s.refresh),
    workspace === 'changes' || workspace === 'cab',
  );
  useRevisionRefresh(useIncidentsStore((s) => s.refresh));
  const panels = useViewStore((s) => s.panels);
  const fatal = useDataStore((s) => s.fatal);
  const simulating = useImpactStore((s) => s.active);

  return (
    <div className="app">
      <Toolbar />
      <div>
        <NoticeBanner />
        <OverlayBanner />
        <ErrorBanner />
      </div>
      {/* Explore stays mounted while another screen shows, so the graph keeps its layout and zoom. */}
      <div className="workspace" hidden={workspace !== 'explore'}>
        {panels.filters ? <FiltersPanel /> : <span />}
        {fatal ? (
          <main className="graph-pane">
            <Fatal message={fatal} />
          </main>
        ) : (
          <GraphPane />
        )}
        {simulating ? <ImpactPanel /> : panels.inspector ? <Inspector /> : <span />}
      </div>
      {workspace === 'incidents' && <IncidentsScreen />}
      {workspace === 'changes' && <ChangesScreen />}
      {workspace === 'cab' && <CabScreen />}
      {workspace === 'schedule' && <ScheduleScreen />}
      <StatusBar />
      <DialogHost />
      <DataLayer />
    </div>
  );
}
