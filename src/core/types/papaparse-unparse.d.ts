// The part of papaparse the core uses (Papa.unparse, for the CSV export), declared for the core's
// own typecheck (tsconfig.core.json maps 'papaparse' here). @types/papaparse references Node's
// types, which would let a `node:` import in src/core typecheck; the node and web typechecks
// still check the core's calls against the full @types/papaparse.
interface UnparseConfig {
  quotes?: boolean;
  delimiter?: string;
  header?: boolean;
  newline?: string;
  escapeFormulae?: boolean;
}

declare const Papa: {
  unparse(data: { fields: string[]; data: unknown[][] }, config?: UnparseConfig): string;
};

export default Papa;
