// The layer table of ARCHITECTURE.md as data, and a checker that reads a file's imports.
import path from 'node:path';

export type Layer = 'shared' | 'core' | 'node' | 'renderer' | 'electron';

/** Which layers each layer may import (itself included). */
const ALLOWED_LAYERS: Record<Layer, Layer[]> = {
  shared: ['shared'],
  core: ['core', 'shared'],
  node: ['node', 'core', 'shared'],
  renderer: ['renderer', 'shared'],
  electron: ['electron', 'node', 'core', 'shared'],
};

/** Which bare package imports each layer may use; `null` = any package. */
const ALLOWED_PACKAGES: Record<Layer, RegExp | null> = {
  shared: /^zod$/,
  // Pure, environment-free libraries for solved problems (CSV, YAML, wall-clock time in a named time zone) are allowed in core.
  core: /^(papaparse|yaml|luxon)$/,
  // exceljs builds .xlsx exports on the Node side only (never in core: it needs Buffer and streams).
  node: /^(node:.*|zod|lowdb(\/.*)?|exceljs)$/,
  renderer: /^(react|react-dom(\/client)?|react\/jsx-runtime|zustand(\/.*)?|cytoscape|elkjs\/.*|zod|@tanstack\/.*)$/,
  electron: /^(electron|node:.*|zod)$/,
};

export function layerOf(repoRelativePath: string): Layer | null {
  const p = repoRelativePath.split(path.sep).join('/');
  if (p.startsWith('src/shared/')) return 'shared';
  if (p.startsWith('src/core/')) return 'core';
  if (p.startsWith('src/node/')) return 'node';
  if (p.startsWith('src/renderer/')) return 'renderer';
  if (p.startsWith('electron/')) return 'electron';
  return null;
}

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

export interface ImportViolation {
  file: string;
  specifier: string;
  reason: string;
}

/** Every import in `source` (a file at `file`, repo-relative) that its layer may not make. */
export function layerViolations(file: string, source: string): ImportViolation[] {
  const layer = layerOf(file);
  if (!layer) return [];
  const out: ImportViolation[] = [];
  for (const m of source.matchAll(IMPORT_RE)) {
    const typeOnly = Boolean(m[1]);
    const specifier = m[2] ?? m[3] ?? m[4];
    if (!specifier) continue;
    if (specifier.startsWith('.')) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.split(path.sep).join('/')), specifier));
      const targetLayer = layerOf(`${target}/`);
      if (targetLayer && !ALLOWED_LAYERS[layer].includes(targetLayer)) {
        out.push({ file, specifier, reason: `${layer} may not import ${targetLayer}` });
      }
      continue;
    }
    // Type-only imports of zod types in core are erased at build time and carry no runtime dependency.
    if (typeOnly && layer === 'core' && specifier === 'zod') continue;
    const allowed = ALLOWED_PACKAGES[layer];
    if (allowed && !allowed.test(specifier)) {
      out.push({ file, specifier, reason: `${layer} may not import the package ${specifier}` });
    }
  }
  return out;
}
