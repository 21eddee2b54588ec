// faultline new FILE: creates an empty CMDB document (`.faultline` added when FILE has no
// such extension), never over an existing file.
import { access, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { withDocumentExtension } from '../../paths';
import { DIR_MODE, documentPaths, emptyDocument, writeStandaloneDocument } from '../../storage';
import { parseCommandArgs } from '../support';
import { CliError, EXIT_OK, UsageError, type CliCommand } from '../types';

const usage = `Usage: faultline new FILE

Creates an empty CMDB at FILE (".faultline" is added when FILE does not end in it).
Refuses when FILE, or a journal of it, already exists.`;

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export const newCommand: CliCommand = {
  name: 'new',
  summary: 'Create an empty CMDB document',
  usage,
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {}, true);
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const path = withDocumentExtension(resolve(positionals[0]));
    const paths = documentPaths(path);
    for (const file of [paths.checkpoint, paths.journal]) {
      if (await exists(file)) throw new CliError(`${file} already exists; choose another name.`);
    }
    try {
      await mkdir(dirname(path), { recursive: true, mode: DIR_MODE });
      await writeStandaloneDocument(path, emptyDocument());
    } catch (error) {
      throw new CliError(`could not create ${path}: ${(error as Error).message}`);
    }
    io.stdout(`Created an empty CMDB at ${path}\n`);
    return EXIT_OK;
  },
};
