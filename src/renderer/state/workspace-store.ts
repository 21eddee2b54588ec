// Which screen the window shows: Explore (the graph), Incidents, Changes, CAB or Schedule.
import { create } from 'zustand';

export type Workspace = 'explore' | 'incidents' | 'changes' | 'cab' | 'schedule';

export const useWorkspaceStore = create<{ workspace: Workspace; setWorkspace(workspace: Workspace): void }>()((set) => ({
  workspace: 'explore',
  setWorkspace: (workspace) => set({ workspace }),
}));
