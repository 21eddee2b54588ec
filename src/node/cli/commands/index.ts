// The CLI's commands, in the order `faultline --help` lists them. Add a command by writing
// commands/<name>.ts exporting a CliCommand and appending it here.
import type { CliCommand } from '../types';
import { listCommand } from './list';
import { showCommand } from './show';

export const commands: CliCommand[] = [listCommand, showCommand];
