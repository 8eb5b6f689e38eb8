/**
 * A position in Rego source text.
 *
 * - `row` and `col` are 1-based; a tab counts as one column (OPA's convention, and
 *   chevrotain's `startLine` / `startColumn`).
 * - `offset` and `endOffset` are 0-based UTF-16 offsets into the source, `endOffset`
 *   exclusive, so the text of a node is `source.slice(loc.offset, loc.endOffset)`.
 *   The text is never stored twice.
 * - `file` is the module's name as given to the parser (`test-0.rego`, a path, or
 *   the empty string for a query typed on the command line).
 */
export interface Location {
  readonly file: string;
  readonly row: number;
  readonly col: number;
  readonly offset: number;
  readonly endOffset: number;
}

/** A location covering `from` up to the end of `to` (both in the same file). */
export function spanLocations(from: Location, to: Location): Location {
  return { file: from.file, row: from.row, col: from.col, offset: from.offset, endOffset: to.endOffset };
}

/** A stand-in for synthesized nodes that have nothing better to point at. */
export const NO_LOCATION: Location = { file: "", row: 1, col: 1, offset: 0, endOffset: 0 };
