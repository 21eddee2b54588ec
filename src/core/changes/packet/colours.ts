// The impact level colours of the CAB packet: the same as the change simulation's light theme
// (src/renderer/impact/impact-styles.ts), which the core may not import, so a printed packet
// reads like the screen.
import type { ImpactLevel } from '../../../shared/impact-types';

export interface LevelColours {
  fill: string;
  border: string;
  edge: string;
  text: string;
}

export const LEVEL_COLOURS: Readonly<Record<ImpactLevel, LevelColours>> = {
  down: { fill: '#dc2626', border: '#7f1d1d', edge: '#dc2626', text: '#ffffff' },
  degraded: { fill: '#f59e0b', border: '#92400e', edge: '#d97706', text: '#3b1d00' },
  at_risk: { fill: '#facc15', border: '#854d0e', edge: '#ca8a04', text: '#3b2a00' },
};

export const TARGET_OUTLINE = '#111827';

export const LEVEL_LABELS: Readonly<Record<ImpactLevel, string>> = { down: 'down', degraded: 'degraded', at_risk: 'at risk' };
