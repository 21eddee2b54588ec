// Remembers laid-out positions across page loads (localStorage), so reopening the same
// CMDB view draws at once. Small views only; failures (quota, privacy mode) are ignored.
import type { Positions } from './layout-input';

const PREFIX = 'faultline.layout.';
const INDEX = `${PREFIX}index`;
const KEEP = 12;
const MAX_NODES = 2500;

function index(): string[] {
  try {
    const raw = localStorage.getItem(INDEX);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

export function loadPositions(key: string): Positions | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Record<string, [number, number]>;
    const positions: Positions = {};
    for (const [id, [x, y]] of Object.entries(parsed)) positions[id] = { x, y };
    return positions;
  } catch {
    return null;
  }
}

export function savePositions(key: string, positions: Positions): void {
  const ids = Object.keys(positions);
  if (ids.length > MAX_NODES) return;
  try {
    const compact: Record<string, [number, number]> = {};
    for (const id of ids) compact[id] = [Math.round(positions[id].x * 10) / 10, Math.round(positions[id].y * 10) / 10];
    const keys = [key, ...index().filter((k) => k !== key)];
    for (const old of keys.slice(KEEP)) localStorage.removeItem(PREFIX + old);
    localStorage.setItem(PREFIX + key, JSON.stringify(compact));
    localStorage.setItem(INDEX, JSON.stringify(keys.slice(0, KEEP)));
  } catch {
    // Storage full or unavailable: the in-memory cache still works.
  }
}
