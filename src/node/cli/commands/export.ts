// faultline export --db FILE --format json|csv|xlsx|graphml|gexf|dot --out PATH: writes the
// whole CMDB in one format (csv: PATH is a folder that gets cis.csv and relationships.csv);
// with --changes, the changes list as one CSV or Excel file; with --incidents or --problems,
// that list.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EXPORT_FORMATS, isExportFormat, writeFileAtomic } from '../../export';
import { CHANGE_EXPORT_FORMATS, INCIDENT_EXPORT_FORMATS, type ExportedFile } from '../../../shared/operations';
import { withClient } from '../client';
import { parseCommandArgs, requireOption } from '../support';
import { CliError, EXIT_OK, UsageError, type CliCommand } from '../types';

const usage = `Usage: faultline export --db FILE --format ${EXPORT_FORMATS.join('|')} --out PATH
       faultline export --db FILE --changes --format ${CHANGE_EXPORT_FORMATS.join('|')} --out FILE
       faultline export --db FILE --incidents|--problems --format ${INCIDENT_EXPORT_FORMATS.join('|')} --out FILE

Writes the whole CMDB in one format, each file atomically:
  json      Faultline JSON snapshot (imports back to the same CMDB)
  csv       PATH is a folder: cis.csv and relationships.csv (Gephi columns Id, Label; Source, Target, Type)
  xlsx      Excel workbook, a sheet each for CIs and relationships
  graphml   GraphML for yEd (labels shown)
  gexf      GEXF for Gephi
  dot       Graphviz DOT
With --changes, the changes list instead (number, title, type, state, risk band and score,
window in UTC, implementer, targets, conflicts), as one CSV file or an Excel workbook.
With --incidents, the incidents list (number, title, status, priority, affected CIs and
services by name, opened/resolved/closed in UTC, causing change, problem); with --problems,
the problems list (number, title, status, root-cause CI, incidents, known error, workaround).`;

/** Writes each file atomically: to `out`, or into the folder `out` under its own name (csv's two files). */
async function writeExportedFiles(files: readonly ExportedFile[], out: string, intoFolder: boolean): Promise<string[]> {
  const content = (file: ExportedFile) => (file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content);
  if (!intoFolder) {
    await writeFileAtomic(out, content(files[0]));
    return [out];
  }
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const target = join(out, file.name);
    await writeFileAtomic(target, content(file));
    written.push(target);
  }
  return written;
}

function isChangeExportFormat(format: string): format is (typeof CHANGE_EXPORT_FORMATS)[number] {
  return (CHANGE_EXPORT_FORMATS as readonly string[]).includes(format);
}

async function exportChanges(db: string, format: string, out: string, io: Parameters<CliCommand['run']>[1]): Promise<number> {
  if (!isChangeExportFormat(format)) throw new UsageError(`with --changes, --format must be one of ${CHANGE_EXPORT_FORMATS.join(', ')}`);
  const count = await withClient(db, io, { readOnly: true }, async (client) => {
    const { files } = await client.call('change.export', { format });
    const info = await client.call('doc.info', {});
    try {
      await writeExportedFiles(files, out, false);
    } catch (error) {
      throw new CliError(`could not write ${out}: ${(error as Error).message}`);
    }
    return info.recordCounts.change ?? 0;
  });
  io.stdout(`Exported ${count} change requests as ${format}:\n  ${out}\n`);
  return EXIT_OK;
}

async function exportIncidents(db: string, kind: 'incidents' | 'problems', format: string, out: string, io: Parameters<CliCommand['run']>[1]): Promise<number> {
  if (!(INCIDENT_EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`with --${kind}, --format must be one of ${INCIDENT_EXPORT_FORMATS.join(', ')}`);
  const count = await withClient(db, io, { readOnly: true }, async (client) => {
    const { files } = await client.call('incident.export', { format: format as (typeof INCIDENT_EXPORT_FORMATS)[number], kind });
    const info = await client.call('doc.info', {});
    try {
      await writeExportedFiles(files, out, false);
    } catch (error) {
      throw new CliError(`could not write ${out}: ${(error as Error).message}`);
    }
    return info.recordCounts[kind === 'incidents' ? 'incident' : 'problem'] ?? 0;
  });
  io.stdout(`Exported ${count} ${kind} as ${format}:\n  ${out}\n`);
  return EXIT_OK;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export the CMDB as JSON, CSV, Excel, GraphML, GEXF or DOT',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      db: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      changes: { type: 'boolean' },
      incidents: { type: 'boolean' },
      problems: { type: 'boolean' },
    });
    const db = requireOption(values.db, '--db');
    const format = requireOption(values.format, '--format');
    const out = resolve(requireOption(values.out, '--out'));
    if ([values.changes, values.incidents, values.problems].filter(Boolean).length > 1) throw new UsageError('give one of --changes, --incidents and --problems');
    if (values.changes) return exportChanges(db, format, out, io);
    if (values.incidents || values.problems) return exportIncidents(db, values.incidents ? 'incidents' : 'problems', format, out, io);
    if (!isExportFormat(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    const written = await withClient(db, io, { readOnly: true }, async (client) => {
      const { files } = await client.call('export.file', { format });
      const info = await client.call('doc.info', {});
      try {
        return { paths: await writeExportedFiles(files, out, format === 'csv'), cis: info.ciCount, relationships: info.relationshipCount };
      } catch (error) {
        throw new CliError(`could not write ${out}: ${(error as Error).message}`);
      }
    });
    io.stdout(`Exported ${written.cis} CIs and ${written.relationships} relationships as ${format}:\n${written.paths.map((p) => `  ${p}\n`).join('')}`);
    return EXIT_OK;
  },
};
