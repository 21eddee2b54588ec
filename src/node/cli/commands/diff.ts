// faultline diff A B [--json]: what changed from A to B (each a .faultline document, with its
// journal, or a snapshot file): CIs, relationships and the records of other kinds added, removed
// and changed field by field. It compares two files, not an open document, so it reads them
// directly (without their lock) instead of going through the operation table.
import { resolve } from 'node:path';
import { diffCmdb, diffToJson } from '../../../core/diff';
import { findRecordKind } from '../../../core/records';
import type { CmdbDiff, FieldValue } from '../../../shared/data-types';
import type { Ci, Relationship } from '../../../shared/model';
import { describeOpenError } from '../../service';
import { readDocumentState } from '../../snapshots';
import { parseCommandArgs } from '../support';
import { CliError, EXIT_OK, UsageError, type CliCommand } from '../types';

const usage = `Usage: faultline diff A B [--json]

Compares two CMDB states: A and B are .faultline documents (read with their journal, without
taking their lock) or snapshot files (<doc>.snapshots/<id>.json). Lists CIs and relationships
added (+), removed (-) and changed (~, field by field) from A to B.
  --json   print { "cis": { "added", "removed", "changed" }, "relationships": { … }, "counts" }`;

function value(v: FieldValue): string {
  return v === null ? '(none)' : JSON.stringify(v);
}

function ciLabel(ci: Ci): string {
  return `${ci.name} (${ci.id}, ${ci.class})`;
}

function relLabel(rel: Relationship): string {
  return `${rel.id}: ${rel.source} -${rel.type}-> ${rel.target}`;
}

export function diffText(diff: CmdbDiff, a: string, b: string): string {
  const { cis, relationships } = diff.counts;
  const lines = [
    `From ${a}`,
    `  to ${b}`,
    '',
    `CIs:           ${cis.added} added, ${cis.removed} removed, ${cis.changed} changed, ${cis.unchanged} unchanged`,
    `Relationships: ${relationships.added} added, ${relationships.removed} removed, ${relationships.changed} changed, ${relationships.unchanged} unchanged`,
  ];
  for (const [kind, c] of Object.entries(diff.counts.records)) {
    const plural = findRecordKind(kind)?.plural ?? kind;
    lines.push(`${`${plural[0].toUpperCase()}${plural.slice(1)}:`.padEnd(15)}${c.added} added, ${c.removed} removed, ${c.changed} changed, ${c.unchanged} unchanged`);
  }
  const body: string[] = [];
  for (const ci of diff.cis.added) body.push(`+ CI ${ciLabel(ci)}`);
  for (const ci of diff.cis.removed) body.push(`- CI ${ciLabel(ci)}`);
  for (const change of diff.cis.changed) {
    body.push(`~ CI ${ciLabel(change.after)}`);
    for (const c of change.changes) body.push(`    ${c.field}: ${value(c.before)} -> ${value(c.after)}`);
  }
  for (const rel of diff.relationships.added) body.push(`+ relationship ${relLabel(rel)}`);
  for (const rel of diff.relationships.removed) body.push(`- relationship ${relLabel(rel)}`);
  for (const change of diff.relationships.changed) {
    body.push(`~ relationship ${relLabel(change.after)}`);
    for (const c of change.changes) body.push(`    ${c.field}: ${value(c.before)} -> ${value(c.after)}`);
  }
  for (const [kind, d] of Object.entries(diff.records)) {
    const record = findRecordKind(kind);
    const label = (item: { id: string } & Record<string, unknown>) => `${record?.label ?? kind} ${record ? record.title(item) : item.id} (${item.id})`;
    for (const item of d.added) body.push(`+ ${label(item)}`);
    for (const item of d.removed) body.push(`- ${label(item)}`);
    for (const change of d.changed) {
      body.push(`~ ${label(change.after)}`);
      for (const c of change.changes) body.push(`    ${c.field}: ${value(c.before)} -> ${value(c.after)}`);
    }
  }
  // Joined, not lines.push(...body): spreading 150k+ arguments overflows the stack.
  const head = lines.join('\n');
  return body.length > 0 ? `${head}\n\n${body.join('\n')}\n` : `${head}\n`;
}

async function read(path: string) {
  let state;
  try {
    state = await readDocumentState(path);
  } catch (error) {
    throw new CliError(describeOpenError(error, path).message);
  }
  if (!state) throw new CliError(`No such file: ${path}`);
  return state;
}

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'Compare two documents or snapshots',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, true);
    if (positionals.length !== 2) throw new UsageError('give two files, A and B');
    const [a, b] = positionals.map((p) => resolve(p));
    const diff = diffCmdb(await read(a), await read(b));
    io.stdout(values.json ? diffToJson(diff) : diffText(diff, a, b));
    return EXIT_OK;
  },
};
