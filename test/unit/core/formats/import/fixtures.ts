// Reads the hand-written import fixtures in test/fixtures/import.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ImportError, type ImportBatch } from '../../../../../src/core/formats/import';
import { CmdbGraph } from '../../../../../src/core/graph/cmdb-graph';
import { planImport } from '../../../../../src/core/reconcile';
import type { ImportPlan } from '../../../../../src/shared/data-types';

const root = fileURLToPath(new URL('../../../../fixtures/import/', import.meta.url));

export function fixture(name: string): string {
  return readFileSync(root + name, 'utf8');
}

/** Runs `body`, expects an ImportError and returns it. */
export function importError(body: () => unknown): ImportError {
  try {
    body();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError, but nothing was thrown');
}

/** Edges as `source -type-> target` strings, for compact assertions. */
export function edges(batch: ImportBatch): string[] {
  return batch.relationships.map((r) => `${r.source} -${r.type}${r.strength === 'soft' ? '(soft)' : ''}${r.inferred ? '(inferred)' : ''}-> ${r.target}`);
}

/** The batch planned against an empty CMDB (where every reference outside the file dangles). */
export function planned(batch: ImportBatch): ImportPlan {
  return planImport(new CmdbGraph(), batch);
}
