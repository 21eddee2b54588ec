// Which groups of a grouped neighbourhood (neighbourhood-groups.ts) are expanded; a new focus starts folded.
import { create } from 'zustand';

interface GroupState {
  focusId: string | null;
  expanded: ReadonlySet<string>;
  /** The expanded groups for this focus (none when the focus changed since). */
  expandedFor(focusId: string): ReadonlySet<string>;
  toggle(focusId: string, groupId: string): void;
}

const NONE: ReadonlySet<string> = new Set();

export const useNeighbourhoodGroups = create<GroupState>((set, get) => ({
  focusId: null,
  expanded: NONE,
  expandedFor: (focusId) => (get().focusId === focusId ? get().expanded : NONE),
  toggle: (focusId, groupId) => {
    const next = new Set(get().expandedFor(focusId));
    if (next.has(groupId)) next.delete(groupId);
    else next.add(groupId);
    set({ focusId, expanded: next });
  },
}));
