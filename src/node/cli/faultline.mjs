#!/usr/bin/env node
// The `faultline` executable (package.json bin): runs the TypeScript CLI from source
// through tsx's loader, then exits with the command's exit code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
