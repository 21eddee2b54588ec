// The CLI's commands, in the order `faultline --help` lists them. Add a command by writing
// commands/<name>.ts exporting a CliCommand and appending it here.
import type { CliCommand } from '../types';
import { listCommand } from './list';
import { showCommand } from './show';
import { impactCommand } from './impact';
import { depsCommand } from './deps';
import { spofCommand } from './spof';
import { importCommand } from './import';
import { exportCommand } from './export';
import { diffCommand } from './diff';
import { newCommand } from './new';
import { changeCommand } from './change';
import { incidentCommand } from './incident';
import { commonCauseCommand } from './common-cause';
import { problemCommand } from './problem';

export const commands: CliCommand[] = [
  newCommand,
  listCommand,
  showCommand,
  impactCommand,
  depsCommand,
  spofCommand,
  importCommand,
  exportCommand,
  diffCommand,
  changeCommand,
  incidentCommand,
  commonCauseCommand,
  problemCommand,
];
