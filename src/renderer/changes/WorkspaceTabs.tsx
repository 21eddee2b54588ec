// The toolbar's switch between the screens: Explore (the graph), Changes, CAB and Schedule.
import { useChangesStore, type Workspace } from './changes-store';

const TABS: { id: Workspace; label: string; key: string }[] = [
  { id: 'explore', label: 'Explore', key: '1' },
  { id: 'changes', label: 'Changes', key: '2' },
  { id: 'cab', label: 'CAB', key: '3' },
  { id: 'schedule', label: 'Schedule', key: '4' },
];

export const WORKSPACE_KEYS: Readonly<Record<string, Workspace>> = Object.fromEntries(TABS.map((tab) => [tab.key, tab.id]));

export function WorkspaceTabs() {
  const workspace = useChangesStore((s) => s.workspace);
  const setWorkspace = useChangesStore((s) => s.setWorkspace);
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
