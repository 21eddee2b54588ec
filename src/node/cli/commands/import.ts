// faultline import --db FILE SOURCE [--format F] [--dry-run] [--include-attributes] [--skip-unreadable] [--json]:
// reads SOURCE (a Backstage root with the files its Locations list), reconciles it against the
// document and prints the preview (counts, updates field by field, rejections with file and
// line or row, warnings with what was left out); without --dry-run applies it as one
// transaction (one undo step). A file that cannot be read changes nothing (exit 1).
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { formatPlace } from '../../../core/formats/import';
import { describePlan, planIsEmpty } from '../../../core/reconcile';
import { IMPORT_FORMATS, type ImportFormat, type ImportPlan, type AnyRejection } from '../../../shared/data-types';
import { decodeImportFile } from '../../import-worker';
import { OperationFailed, withClient } from '../client';
import { parseCommandArgs, printJson, requireOption } from '../support';
import { CliError, EXIT_OK, UsageError, type CliCommand } from '../types';

const usage = `Usage: faultline import --db FILE SOURCE [--format F] [--dry-run] [--include-attributes] [--skip-unreadable] [--json]

Imports SOURCE into the document: matches incoming items to existing CIs (by id, external id,
then class and name) and change requests, incidents and problems to existing ones (by number), prints what will be created, updated (field by field), left unchanged
and rejected (with file, line or row, and reason), and applies it all as one transaction.
  --db FILE              the .faultline document
  --format F             ${IMPORT_FORMATS.join(' | ')}
                         (detected from the file name and content when absent)
  --dry-run              print the preview only; change nothing
  --include-attributes   keep Terraform attribute values (off: state files hold secrets)
  --skip-unreadable      import the readable part of a file with documents or rows that cannot
                         be parsed (each entity lost is counted); without it such a file is refused
  --json                 print { "file", "format", "counts", "leftOut", "updates", "changeUpdates", "incidentUpdates", "problemUpdates", "rejected", "warnings", "applied" }
A file that cannot be read as its format changes nothing and exits 1. A Backstage catalog's
Location targets (files relative to it, inside its folder) are imported with it. Import a
ServiceNow problem export before the incident export that links to it (problem_id).`;

const LIST_LIMIT = 50;

/** The preview lists every item (the UI's preview caps its lists; --json promises them all). */
const EVERY_ITEM = 100_000_000;

function rejectionLine(r: AnyRejection): string {
  const place = r.row !== undefined ? `${r.file} row ${r.row}` : formatPlace({ file: r.file, line: r.line, path: r.path });
  return `${place}: ${r.entity}${r.key !== undefined ? ` ${JSON.stringify(r.key)}` : ''}: ${r.reason}`;
}

function allRejected(plan: ImportPlan): AnyRejection[] {
  return [...plan.cis.rejected, ...plan.relationships.rejected, ...plan.changes.rejected, ...plan.incidents.rejected, ...plan.problems.rejected];
}

function show(value: unknown): string {
  return value === undefined || value === null ? '(none)' : JSON.stringify(value);
}

export function planText(plan: ImportPlan): string {
  const lines: string[] = [];
  const count = (label: string, c: ImportPlan['counts']['cis']) =>
    `${label}${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.rejected} rejected`;
  lines.push(count('CIs:           ', plan.counts.cis), count('Relationships: ', plan.counts.relationships));
  for (const [label, c] of [['Changes:       ', plan.counts.changes], ['Incidents:     ', plan.counts.incidents], ['Problems:      ', plan.counts.problems]] as const) {
    if (c.create + c.update + c.unchanged + c.rejected > 0) lines.push(count(label, c));
  }
  const updates = plan.cis.update;
  if (updates.length > 0) {
    lines.push('', 'Updates:');
    for (const u of updates.slice(0, LIST_LIMIT)) {
      lines.push(`  ${u.name} (${u.id}, matched by ${u.matchedBy}): ${u.changes.map((c) => `${c.field} ${show(c.before)} -> ${show(c.after)}`).join('; ')}`);
    }
    if (updates.length > LIST_LIMIT) lines.push(`  … and ${updates.length - LIST_LIMIT} more`);
  }
  for (const [label, list] of [['Change updates:', plan.changes.update], ['Incident updates:', plan.incidents.update], ['Problem updates:', plan.problems.update]] as const) {
    if (list.length === 0) continue;
    lines.push('', label);
    for (const u of list.slice(0, LIST_LIMIT)) {
      lines.push(`  ${u.number} (${u.id}): ${u.changes.map((c) => `${c.field} ${show(c.before)} -> ${show(c.after)}`).join('; ')}`);
    }
    if (list.length > LIST_LIMIT) lines.push(`  … and ${list.length - LIST_LIMIT} more`);
  }
  const rejected = allRejected(plan);
  if (rejected.length > 0) {
    lines.push('', 'Rejected:');
    for (const r of rejected.slice(0, LIST_LIMIT)) lines.push(`  ${rejectionLine(r)}`);
    if (rejected.length > LIST_LIMIT) lines.push(`  … and ${rejected.length - LIST_LIMIT} more (--json lists them all)`);
  }
  const left = plan.leftOut;
  const leftOut = [
    left.unreadableEntities > 0 ? `${left.unreadableEntities} entities in unreadable parts skipped` : '',
    left.danglingReferences > 0 ? `${left.danglingReferences} references to nothing in the file or the CMDB` : '',
    left.unreadFields.length > 0 ? `${left.unreadFields.length} field(s) not imported` : '',
    left.likelyTruncated ? 'the file may be cut short' : '',
    left.hiddenSecrets > 0 ? `${left.hiddenSecrets} secret attribute value(s) dropped or hidden` : '',
  ].filter(Boolean);
  if (leftOut.length > 0) lines.push('', `Left out: ${leftOut.join('; ')}.`);
  if (plan.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of plan.warnings.slice(0, LIST_LIMIT)) lines.push(`  ${warning}`);
    if (plan.warnings.length > LIST_LIMIT) lines.push(`  … and ${plan.warnings.length - LIST_LIMIT} more (--json lists them all)`);
  }
  return lines.join('\n');
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import a file (Faultline JSON, CSV, ServiceNow CIs, change requests, incidents and problems, Backstage, Terraform, compose, Kubernetes)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        db: { type: 'string' },
        format: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'include-attributes': { type: 'boolean' },
        'skip-unreadable': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      true,
    );
    const db = requireOption(values.db, '--db');
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'SOURCE is required' : 'give one SOURCE file');
    const format = values.format;
    if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
    }
    const sourcePath = resolve(positionals[0]);
    const fileName = basename(sourcePath);
    // The bytes are not kept once decoded (a local would hold them for the whole import).
    const { text: content, warning: encodingWarning } = decodeImportFile(
      await readFile(sourcePath).catch((error: Error) => {
        throw new CliError(`Cannot read ${sourcePath}: ${error.message}`);
      }),
      fileName,
    );
    const dryRun = values['dry-run'] === true;
    const skipUnreadable = values['skip-unreadable'] === true;

    const result = await withClient(db, io, { readOnly: false }, async (client) => {
      let preview;
      try {
        preview = await client.call('import.preview', {
          fileName,
          content,
          ...(format ? { format: format as ImportFormat } : {}),
          includeAttributes: values['include-attributes'] === true,
          listCap: EVERY_ITEM,
          skipUnreadable,
          sourcePath,
        });
      } catch (error) {
        if (error instanceof OperationFailed && error.code === 'invalid_input') {
          // The service marks a syntax error whose file has a readable part with an issue on skipUnreadable.
          const readablePart = !skipUnreadable && (error.issues ?? []).some((issue) => issue.path === 'skipUnreadable');
          const hint = readablePart ? ' (--skip-unreadable imports the readable part)' : '';
          throw new CliError(`${error.message.replace(/^Nothing was imported/, 'nothing was imported')}${hint}`);
        }
        throw error;
      }
      if (preview.previewId === null) {
        const problems = preview.csv?.problems ?? [];
        throw new CliError(
          `nothing was imported: the columns of ${fileName} (${preview.csv?.header.join(', ')}) could not be mapped: ${problems.join('; ')}. Rename the columns (e.g. Name, Class) and try again.`,
        );
      }
      let applied = false;
      if (!dryRun && !planIsEmpty(preview.plan)) {
        try {
          await client.call('import.apply', { previewId: preview.previewId });
        } catch (error) {
          throw new CliError(`could not save the import (${(error as Error).message}); nothing was changed`);
        }
        applied = true;
      }
      if (encodingWarning) preview.plan.warnings.unshift(encodingWarning);
      return { plan: preview.plan, format: preview.format, applied };
    });

    const { plan, applied } = result;
    if (values.json) {
      printJson(io, {
        file: fileName,
        format: result.format,
        counts: plan.counts,
        leftOut: plan.leftOut,
        updates: plan.cis.update.map((u) => ({ id: u.id, name: u.name, matchedBy: u.matchedBy, changes: u.changes })),
        changeUpdates: plan.changes.update.map((u) => ({ id: u.id, number: u.number, changes: u.changes })),
        incidentUpdates: plan.incidents.update.map((u) => ({ id: u.id, number: u.number, changes: u.changes })),
        problemUpdates: plan.problems.update.map((u) => ({ id: u.id, number: u.number, changes: u.changes })),
        rejected: allRejected(plan),
        warnings: plan.warnings,
        applied,
      });
      return EXIT_OK;
    }
    const head = `${fileName} (${result.format}) into ${basename(db)}`;
    const tail = dryRun
      ? 'Dry run: nothing was changed.'
      : applied
        ? `Applied as one transaction ("Import ${fileName}"): ${describePlan(plan)}.`
        : 'Nothing to change.';
    io.stdout(`Import ${head}\n\n${planText(plan)}\n\n${tail}\n`);
    return EXIT_OK;
  },
};
