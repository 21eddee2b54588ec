// Locating JSON syntax errors (Node's messages do not always carry a position).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, readJson } from '../../../../../src/core/formats/import/json-reader';
import { IMPORT_LIMITS } from '../../../../../src/core/formats/import';
import { importError } from './fixtures';

describe('jsonErrorOffset', () => {
  it('finds no error in anything JSON.stringify writes', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
      expect(jsonErrorOffset(JSON.stringify(value, null, pretty ? 2 : undefined))).toBe(-1);
    }));
  });

  it('agrees with JSON.parse on arbitrary text about whether it is valid', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', '-', '.', 'e', ' ', '\\', 'u', 'a', 't', 'r', 'n', 'l', 'f', 's', '\n') }),
      fc.jsonValue().map((v) => JSON.stringify(v)).chain((s) => fc.nat(s.length).map((cut) => s.slice(0, cut))),
    );
    fc.assert(
      fc.property(text, (s) => {
        let valid = true;
        try {
          JSON.parse(s);
        } catch {
          valid = false;
        }
        const offset = jsonErrorOffset(s);
        expect(offset === -1).toBe(valid);
        if (!valid) expect(offset).toBeLessThanOrEqual(s.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives readJson errors a line and column', () => {
    const e = importError(() => readJson('{\n  "a": 1,\n  "b": tru\n}', 'x.json', IMPORT_LIMITS));
    expect([e.code, e.line, e.column]).toEqual(['syntax', 3, 8]);
    const early = importError(() => readJson('{"a": [1, 2', 'x.json', IMPORT_LIMITS));
    expect(early.reason).toBe('the JSON ends inside a value: the file may be cut short; check that it is complete');
  });
});
