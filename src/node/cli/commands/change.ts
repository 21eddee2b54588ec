// faultline change list|show|create|transition|report: change requests from the command line,
// each subcommand over the same operations as the app (change.*).
import { CHANGE_STATES, CHANGE_TYPES } from '../../../shared/changes';
import { CHANGE_REPORT_FORMATS } from '../../../shared/operations';
import { UsageError, type CliCommand, type CliIo } from '../types';
import { changeList, changeReport, changeShow } from './change-read';
import { changeCreate, changeTransition } from './change-write';

const usage = `Usage: faultline change list --db FILE [--state STATE]... [--json]
       faultline change show --db FILE NUMBER [--json]
       faultline change create --db FILE --title TITLE [--target CI[:down|degraded]]... [--type TYPE]
                               [--start ISO --end ISO] [--implementer NAME] [--description TEXT] [--rollback TEXT] [--json]
       faultline change transition --db FILE NUMBER --to STATE [--comment TEXT] [--outcome OUTCOME --notes TEXT] [--json]
       faultline change report --db FILE NUMBER --format ${CHANGE_REPORT_FORMATS.join('|')} -o FILE

Change requests of a Faultline document. NUMBER is the change number (CHG0003) or its id.
  list         every change (or those in the states given) with its risk and conflicts
  show         one change: fields, allowed moves, risk factors, conflicts
  create       a draft change; a target is a CI id or exact name, down unless :degraded
  transition   move a change (states: ${CHANGE_STATES.join(', ')}); a refused move names the allowed ones;
               to reviewed, give --outcome successful|failed|rolled_back and --notes
  report       write the change's CAB packet: self-contained HTML, Markdown for a ticket, or
               a PDF printed by the installed Chromium (FAULTLINE_CHROMIUM, /usr/bin/chromium or on PATH)
Types: ${CHANGE_TYPES.join(', ')}. Times are ISO 8601 and stored in UTC.`;

const SUBCOMMANDS: Readonly<Record<string, (args: string[], io: CliIo) => Promise<number>>> = {
  list: changeList,
  show: changeShow,
  create: changeCreate,
  transition: changeTransition,
  report: changeReport,
};

export const changeCommand: CliCommand = {
  name: 'change',
  summary: 'List, show, create and move change requests; write a CAB packet',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!run) throw new UsageError(sub === undefined ? `give a subcommand: ${Object.keys(SUBCOMMANDS).join(', ')}` : `unknown subcommand "${sub}"`);
    return run(rest, io);
  },
};
