// The `faultline` command line: dispatches to one command of the registry and returns
// its exit code (0 ok, 1 failed, 2 bad usage). Run through faultline.mjs (tsx).
import { commands } from './commands';
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './types';

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export function generalUsage(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const list = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n');
  return `faultline: Faultline's command line (CMDB and change impact)

Usage: faultline <command> [options]

Commands:
${list}

Run \`faultline <command> --help\` for a command's options.
Exit codes: 0 ok, 1 failed (missing or unreadable file, unknown CI), 2 bad usage.`;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(`${generalUsage()}\n`);
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((command) => command.name === rest[0]) : undefined;
    io.stdout(`${topic ? topic.usage : generalUsage()}\n`);
    return EXIT_OK;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`faultline: unknown command "${name}"\n\n${generalUsage()}\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`faultline ${command.name}: ${error.message}\n\n${command.usage}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof CliError) {
      io.stderr(`faultline ${command.name}: ${error.message}\n`);
      return EXIT_FAILED;
    }
    io.stderr(`faultline ${command.name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILED;
  }
}
