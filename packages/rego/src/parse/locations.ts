import type { CstNode, IToken } from "chevrotain";
import type { Location } from "../ast/location.js";

/** The location of a token (chevrotain's end offsets are inclusive; ours are not). */
export function tokenLocation(file: string, tok: IToken): Location {
  return { file, row: tok.startLine ?? 1, col: tok.startColumn ?? 1, offset: tok.startOffset, endOffset: (tok.endOffset ?? tok.startOffset) + 1 };
}

/** The location of a CST node, from chevrotain's full node location tracking. */
export function nodeLocation(file: string, node: CstNode): Location {
  const l = node.location!;
  return { file, row: l.startLine ?? 1, col: l.startColumn ?? 1, offset: l.startOffset, endOffset: (l.endOffset ?? l.startOffset) + 1 };
}

/** Order CST nodes and tokens by where they start, undoing the CST's grouping by name. */
export function byOffset(a: CstNode | IToken, b: CstNode | IToken): number {
  return startOf(a) - startOf(b);
}

function startOf(x: CstNode | IToken): number {
  return "image" in x ? x.startOffset : x.location!.startOffset;
}
