// Named snapshots of a document, kept beside it:
//   <doc>.snapshots/<id>.json   a whole CmdbDocument (the checkpoint format), written atomically
//   <doc>.snapshots/index.json  the list of SnapshotMeta, newest last, written atomically
// A snapshot file is written before the index names it, so a crash leaves at worst an
// unlisted file, never a listed snapshot without its file.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { snapshotMeta } from '../../core/diff';
import { IdSchema, type CmdbDocument } from '../../shared/model';
import type { SnapshotMeta } from '../../shared/data-types';
import { DIR_MODE, readCheckpoint, serializeDocument, writeFileAtomic } from '../storage';

export const SNAPSHOT_INDEX = 'index.json';

const SnapshotIndexSchema = z.object({
  snapshots: z.array(
    z.object({
      id: IdSchema,
      name: z.string(),
      createdAt: z.string(),
      ciCount: z.number().int().min(0),
      relationshipCount: z.number().int().min(0),
    }),
  ),
});

export class SnapshotError extends Error {
  readonly kind: 'not_found' | 'corrupt';
  constructor(kind: 'not_found' | 'corrupt', message: string) {
    super(message);
    this.name = 'SnapshotError';
    this.kind = kind;
  }
}

export function snapshotsDir(documentPath: string): string {
  return `${documentPath}.snapshots`;
}

export function snapshotPath(documentPath: string, id: string): string {
  return join(snapshotsDir(documentPath), `${id}.json`);
}

/** `snap_<time base36>_<random hex>`: ordered by creation, valid as a CI-style id. */
export function newSnapshotId(now: Date = new Date()): string {
  return `snap_${now.getTime().toString(36)}_${randomBytes(4).toString('hex')}`;
}

function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
}

/** The snapshots of a document, oldest first; none when it has no snapshot folder yet. */
export async function listSnapshots(documentPath: string): Promise<SnapshotMeta[]> {
  const path = join(snapshotsDir(documentPath), SNAPSHOT_INDEX);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError('corrupt', `${path} is not valid JSON (${(error as Error).message})`);
  }
  const parsed = SnapshotIndexSchema.safeParse(raw);
  if (!parsed.success) throw new SnapshotError('corrupt', `${path} is not a snapshot index: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data.snapshots.map((s) => ({ ...s }));
}

/** Writes `document` as a new snapshot named `name` and lists it in the index. */
export async function createSnapshot(
  documentPath: string,
  name: string,
  document: CmdbDocument,
  now: Date = new Date(),
): Promise<SnapshotMeta> {
  const dir = snapshotsDir(documentPath);
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
  const existing = await listSnapshots(documentPath);
  const id = newSnapshotId(now);
  const meta = snapshotMeta({ id, name, createdAt: now.toISOString() }, document);
  await writeFileAtomic(snapshotPath(documentPath, id), serializeDocument(document));
  const index = { snapshots: [...existing, meta] };
  await writeFileAtomic(join(dir, SNAPSHOT_INDEX), `${JSON.stringify(index, null, 2)}\n`);
  return meta;
}

/** A snapshot's document, by id (validated like a checkpoint). */
export async function readSnapshot(documentPath: string, id: string): Promise<{ meta: SnapshotMeta; document: CmdbDocument }> {
  const meta = (await listSnapshots(documentPath)).find((s) => s.id === id);
  if (!meta) throw new SnapshotError('not_found', `No snapshot with id ${id}`);
  const read = await readCheckpoint(snapshotPath(documentPath, id));
  if (!read) throw new SnapshotError('not_found', `The file of snapshot "${meta.name}" (${snapshotPath(documentPath, id)}) is missing`);
  return { meta, document: read.document };
}
