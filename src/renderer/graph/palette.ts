// Colours the canvas needs as concrete values (Cytoscape cannot read CSS variables); they match styles/theme.css.
import type { Theme } from '../state/view-store';

export interface GraphPalette {
  background: string;
  text: string;
  mutedText: string;
  nodeBorder: string;
  labelBackground: string;
  accent: string;
  focusRing: string;
}

export const PALETTES: Readonly<Record<Theme, GraphPalette>> = {
  light: {
    background: '#f7f8fa',
    text: '#1f2937',
    mutedText: '#6b7280',
    nodeBorder: '#1f2937',
    labelBackground: '#f7f8fa',
    accent: '#2563eb',
    focusRing: '#f59e0b',
  },
  dark: {
    background: '#14161b',
    text: '#e5e7eb',
    mutedText: '#9ca3af',
    nodeBorder: '#e5e7eb',
    labelBackground: '#14161b',
    accent: '#60a5fa',
    focusRing: '#fbbf24',
  },
};
