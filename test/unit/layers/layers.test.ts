// Fails when a file imports across a line that ARCHITECTURE.md's layer table forbids.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerViolations } from './layer-rules';

const ROOT = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  const out: string[] = [];
  for (const entry of readdirSync(abs)) {
    const rel = path.join(dir, entry);
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx|mts|cts)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

describe('layers', () => {
  it('the checker catches each kind of forbidden import', () => {
    expect(layerViolations('src/core/a.ts', "import fs from 'node:fs';")).toHaveLength(1);
    expect(layerViolations('src/core/a.ts', "import { x } from '../node/storage';")).toHaveLength(1);
    expect(layerViolations('src/core/a/b.ts', "import { Low } from 'lowdb';")).toHaveLength(1);
    expect(layerViolations('src/renderer/a.tsx', "import { graphView } from '../core/query';")).toHaveLength(1);
    expect(layerViolations('src/renderer/a.tsx', "const e = require('electron');")).toHaveLength(1);
    expect(layerViolations('src/shared/a.ts', "export * from '../core/graph';")).toHaveLength(1);
    expect(layerViolations('src/node/a.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(layerViolations('electron/main/a.ts', "import App from '../../src/renderer/App';")).toHaveLength(1);
    expect(layerViolations('src/core/a.ts', "const m = await import('node:path');")).toHaveLength(1);
    // and lets the allowed ones through
    expect(layerViolations('src/core/a.ts', "import { Ci } from '../shared/model';")).toEqual([]);
    expect(layerViolations('electron/main/a.ts', "import { x } from '../../src/node/service';")).toEqual([]);
    expect(layerViolations('src/renderer/a.tsx', "import type { GraphView } from '../shared/operations';")).toEqual([]);
  });

  it('no file in src/ or electron/ crosses a layer line', () => {
    const files = [...sourceFiles('src'), ...sourceFiles('electron')];
    expect(files.length).toBeGreaterThan(10);
    const violations = files.flatMap((f) => layerViolations(f, readFileSync(path.join(ROOT, f), 'utf8')));
    expect(violations).toEqual([]);
  });
});
