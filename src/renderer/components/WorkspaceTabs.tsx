// The toolbar's switch between the screens: Explore (the graph), Incidents, Changes, CAB, Schedule.
import { useWorkspaceStore, type Workspace } from '../state/workspace-store';

const TABS: { id: Workspace; label: string; key: string }[] = [
  { id: 'explore', label: 'Explore', key: '1' },
  { id: 'incidents', label: 'Incidents', key: '2' },
  { id: 'changes', label: 'Changes', key: '3' },
  { id: 'cab', label: 'CAB', key: '4' },
  { id: 'schedule', label: 'Schedule', key: '5' },
];

export const WORKSPACE_KEYS: Readonly<Record<string, Workspace>> = Object.fromEntries(TABS.map((tab) => [tab.key, tab.id]));

export function WorkspaceTabs() {
  const workspace = useWorkspaceStore((s) => s.workspace);
  const setWorkspace = useWorkspaceStore((s) => s.setWorkspace);
  return (
    <nav className="segmented workspace-tabs" aria-label="Screens" data-testid="workspace-tabs">
      {TABS.map((tab) => (
        <button
          key={tab.id}
          type="button"
          aria-pressed={workspace === tab.id}
          aria-current={workspace === tab.id ? 'page' : undefined}
          data-testid={`tab-${tab.id}`}
          title={`${tab.label} (Alt+${tab.key})`}
          onClick={() => setWorkspace(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
