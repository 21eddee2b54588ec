// The core's typecheck (tsconfig.core.json) knows no Node and no DOM: a file in src/core that
// imports `node:fs` or reads `process` does not compile. Checked with the compiler API on an
// in-memory probe file added to src/core, with every core file, under the core's own options.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const PROBE = path.join(ROOT, 'src/core/formats/layer-probe.ts');

function coreDiagnostics(source: string): string[] {
  const configPath = path.join(ROOT, 'tsconfig.core.json');
  const config = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  const { options, fileNames } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configPath);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === PROBE ? source : readFile(file));
  host.fileExists = (file) => path.resolve(file) === PROBE || ts.sys.fileExists(file);
  host.getSourceFile = (file, language, onError) =>
    path.resolve(file) === PROBE ? ts.createSourceFile(file, source, language) : getSourceFile(file, language, onError);
  // Every core file plus the probe, as `tsc -p tsconfig.core.json` would see it with the probe added.
  const program = ts.createProgram([...fileNames, PROBE], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(PROBE)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the core typecheck', () => {
  it('compiles a core file that uses the contract and the CSV export', () => {
    expect(coreDiagnostics("import { CiSchema } from '../../shared/model';\nimport { writeCsv } from './export';\nexport const x = [CiSchema, writeCsv];\n")).toEqual([]);
  });

  it('refuses a node: import and Node or DOM globals', () => {
    expect(coreDiagnostics("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n").join('\n')).toMatch(/Cannot find module 'node:fs'/);
    expect(coreDiagnostics('export const env = process.env;\n').join('\n')).toMatch(/Cannot find name 'process'/);
    expect(coreDiagnostics('export const w = window.location;\n').join('\n')).toMatch(/Cannot find name 'window'/);
  });
});
