// Browser mode: the Faultline service plus the HTTP server on 127.0.0.1, on the user's
// data folder. Prints one line with the URL (token included) and runs until SIGINT/SIGTERM,
// when it closes the server and the store (releasing the document's lock).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findAppRoot, rendererBuildDir, resolveDataDir, sampleCmdbSource } from '../paths';
import { startFaultlineServer } from '../server';
import { currentActor, startFaultlineService } from '../service';

export const SERVE_USAGE = `Usage: npm run serve -- [--port N] [--data-dir DIR] [--open FILE]

Starts Faultline in browser mode on http://127.0.0.1 and prints the URL to open (with its token).
  --port N          port to listen on (default: a free port)
  --data-dir DIR    data folder (default: $FAULTLINE_DATA_DIR, else the per-user Faultline folder)
  --open FILE       open this .faultline document instead of the last one
  --renderer-dir D  serve another renderer build (default: out/renderer)
  --help            show this help`;

class UsageError extends Error {}

interface ServeArgs {
  port: number;
  dataDir: string;
  open?: string;
  rendererDir?: string;
}

/** Paths given on the command line are relative to where the user typed them (npm run moves to the package root). */
function fromUserCwd(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

function parseServeArgs(argv: string[]): ServeArgs | 'help' {
  let values: { port?: string; 'data-dir'?: string; open?: string; 'renderer-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        open: { type: 'string' },
        'renderer-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  let port = 0;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
    port = Number(values.port);
  }
  return {
    port,
    dataDir: values['data-dir'] !== undefined ? fromUserCwd(values['data-dir']) : resolveDataDir(),
    open: values.open !== undefined ? fromUserCwd(values.open) : undefined,
    rendererDir: values['renderer-dir'] !== undefined ? fromUserCwd(values['renderer-dir']) : undefined,
  };
}

/** Runs browser mode until a signal arrives; sets process.exitCode on failure. */
export async function runServe(argv: string[]): Promise<void> {
  let args: ServeArgs | 'help';
  try {
    args = parseServeArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`faultline serve: ${error.message}\n\n${SERVE_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (args === 'help') {
    process.stdout.write(`${SERVE_USAGE}\n`);
    return;
  }

  const appRoot = findAppRoot();
  const staticDir = args.rendererDir ?? rendererBuildDir(appRoot);
  if (!existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write(`Faultline: the renderer is not built (no ${join(staticDir, 'index.html')}); run \`npm run build\` first (npm run serve does it for you).\n`);
    process.exitCode = 1;
    return;
  }

  let service: Awaited<ReturnType<typeof startFaultlineService>>;
  try {
    service = await startFaultlineService({
      dataDir: args.dataDir,
      documentPath: args.open,
      actor: currentActor(),
      sampleSource: sampleCmdbSource(appRoot),
    });
  } catch (error) {
    process.stderr.write(`Faultline could not start: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }

  let server: Awaited<ReturnType<typeof startFaultlineServer>>;
  try {
    server = await startFaultlineServer({ service, staticDir, port: args.port, uploadDir: join(args.dataDir, 'uploads') });
  } catch (error) {
    await service.close();
    process.stderr.write(`Faultline could not start its server: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`Faultline: ${signal} again, exiting without waiting.\n`);
      process.exit(1);
    }
    stopping = true;
    void (async () => {
      let code = 0;
      try {
        await server.close();
      } catch (error) {
        process.stderr.write(`Faultline: closing the server failed: ${(error as Error).message}\n`);
        code = 1;
      }
      try {
        await service.close();
      } catch (error) {
        process.stderr.write(`Faultline: closing the document failed: ${(error as Error).message}\n`);
        code = 1;
      }
      process.exit(code);
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  for (const warning of service.documentInfo().warnings) process.stderr.write(`Faultline: ${warning}\n`);
  process.stdout.write(`Faultline is running in browser mode at ${server.url}\n`);
}
