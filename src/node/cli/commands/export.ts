// faultline export --db FILE --format json|csv|xlsx|graphml|gexf|dot --out PATH: writes the
// whole CMDB in one format (csv: PATH is a folder that gets cis.csv and relationships.csv).
import { resolve } from 'node:path';
import { EXPORT_FORMATS, exportToPath, isExportFormat } from '../../export';
import { parseCommandArgs, requireOption, readDocument } from '../support';
import { CliError, EXIT_OK, UsageError, type CliCommand } from '../types';

const usage = `Usage: faultline export --db FILE --format ${EXPORT_FORMATS.join('|')} --out PATH

Writes the whole CMDB in one format, each file atomically:
  json      Faultline JSON snapshot (imports back to the same CMDB)
  csv       PATH is a folder: cis.csv and relationships.csv (Gephi columns Id, Label; Source, Target, Type)
  xlsx      Excel workbook, a sheet each for CIs and relationships
  graphml   GraphML for yEd (labels shown)
  gexf      GEXF for Gephi
  dot       Graphviz DOT`;

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export the CMDB as JSON, CSV, Excel, GraphML, GEXF or DOT',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { db: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
    const db = requireOption(values.db, '--db');
    const format = requireOption(values.format, '--format');
    const out = resolve(requireOption(values.out, '--out'));
    if (!isExportFormat(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    const written = await readDocument(db, io, async (doc) => {
      const scope = { cis: [...doc.cmdb.graph.cis()], relationships: [...doc.cmdb.graph.relationships()] };
      try {
        return { paths: await exportToPath(format, scope, out), cis: scope.cis.length, relationships: scope.relationships.length };
      } catch (error) {
        throw new CliError(`could not write ${out}: ${(error as Error).message}`);
      }
    });
    io.stdout(`Exported ${written.cis} CIs and ${written.relationships} relationships as ${format}:\n${written.paths.map((p) => `  ${p}\n`).join('')}`);
    return EXIT_OK;
  },
};
