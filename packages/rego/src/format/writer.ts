/**
 * The formatter's output: lines indented with tabs, and the module's comments put
 * back where they were. Every line the formatter starts names the source row its
 * content starts at, so the writer can first emit the comments that stood on their
 * own lines above it, and keep a blank line where the source had one. A comment
 * that followed code on its line goes back after the code that ended on that row.
 * No comment is ever dropped: whatever is left is written at the end.
 */
import type * as A from "../ast/nodes.js";
import type { SourceRows } from "./source-rows.js";

export class Writer {
  readonly #lines: string[] = [];
  /** The module's comments in source order, and which of them are written. */
  readonly #comments: readonly A.Comment[];
  readonly #done: boolean[];
  /** No comment before this index is left to write. */
  #next = 0;
  readonly #rows: SourceRows;
  #indent = 0;
  #line: string | undefined;
  #lineIndent = 0;
  #written = 0;
  /** The last source row the output has reached (of code or a comment). */
  #row = 0;
  /** Whether the last finished line opened a block (`{`, `[`, `(`, `|`): no blank line follows it. */
  #opened = true;

  constructor(rows: SourceRows, comments: readonly A.Comment[]) {
    this.#comments = [...comments].sort((a, b) => a.loc.offset - b.loc.offset);
    this.#done = this.#comments.map(() => false);
    this.#rows = rows;
  }

  indent(): void {
    this.#indent++;
  }

  dedent(): void {
    this.#indent--;
  }

  /**
   * Closes a block whose closing bracket is on source `row`: comments on their own
   * lines before it stay inside the block, at its indent.
   */
  close(row: number): void {
    this.#endLine();
    this.#ownLineComments(row);
    this.#indent--;
    this.line(row);
  }

  /** Starts a line for content that starts at source `row`; ends the current one. */
  line(row: number): void {
    this.#endLine();
    this.#ownLineComments(row);
    this.#blankBefore(row);
    this.#line = "";
    this.#lineIndent = this.#indent;
  }

  /** Appends to the current line; `endRow` is the source row the written text ends at. */
  write(text: string, endRow?: number): void {
    if (this.#line === undefined) throw new Error("formatter: write outside a line");
    this.#line += text;
    this.#written += text.length;
    if (endRow !== undefined && endRow > this.#row) this.#row = endRow;
  }

  /** How much has been written so far: equal at two moments when nothing was written between them. */
  get written(): number {
    return this.#written;
  }

  /** How many comments not yet written sit between the two offsets. */
  commentsWithin(from: number, to: number): number {
    let n = 0;
    for (let i = this.#firstAfter(from); i < this.#comments.length && this.#comments[i]!.loc.offset < to; i++) if (!this.#done[i]) n++;
    return n;
  }

  /** Writes source text as it stands, with the comments inside it (they count as written). */
  verbatim(text: string, from: number, to: number, endRow: number): void {
    for (let i = this.#firstAfter(from); i < this.#comments.length && this.#comments[i]!.loc.offset < to; i++) this.#done[i] = true;
    this.write(text, endRow);
  }

  /** The index of the first comment after `offset`, by bisection: every term laid out on one line asks about its span. */
  #firstAfter(offset: number): number {
    let lo = 0;
    let hi = this.#comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#comments[mid]!.loc.offset <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Forces one blank line before the next line (between multi-line rules). */
  blank(): void {
    this.#endLine();
    if (this.#lines.length > 0 && this.#lines[this.#lines.length - 1] !== "") this.#lines.push("");
  }

  /**
   * Ends the current line and writes the comments right below it (no blank line
   * between) and above `nextRow`: they belong to what was just written, not to what
   * follows a blank line.
   */
  settle(nextRow: number): void {
    this.#endLine();
    for (let i = this.#next; i < this.#comments.length; i++) {
      if (this.#done[i]) continue;
      const c = this.#comments[i]!;
      if (c.loc.row >= nextRow || (c.loc.row > this.#row && this.#rows.blankBetween(this.#row, c.loc.row))) return;
      this.#done[i] = true;
      this.#commentLine(c);
      this.#row = Math.max(this.#row, c.loc.row);
    }
  }

  /** Ends the output: every comment left is written, and one newline ends the file. */
  finish(): string {
    this.#endLine();
    this.#ownLineComments(Infinity);
    while (this.#lines.length > 0 && this.#lines[this.#lines.length - 1] === "") this.#lines.pop();
    return this.#lines.join("\n") + "\n";
  }

  /** The comments not yet written on rows before `row`, now counted as written. */
  #takeBefore(row: number): A.Comment[] {
    const out: A.Comment[] = [];
    while (this.#next < this.#comments.length && this.#done[this.#next]) this.#next++;
    for (let i = this.#next; i < this.#comments.length && this.#comments[i]!.loc.row < row; i++) {
      if (this.#done[i]) continue;
      this.#done[i] = true;
      out.push(this.#comments[i]!);
    }
    return out;
  }

  #endLine(): void {
    if (this.#line === undefined) return;
    let text = "\t".repeat(this.#lineIndent) + this.#line;
    // The last comment on the rows this line covers trails it. Others (several source
    // rows joined into this line) stay unwritten: they go on lines of their own before
    // the next line, at its indent, as a second formatting would put them.
    const trailing = this.#lastUpTo(this.#row);
    if (trailing !== undefined) {
      this.#done[trailing] = true;
      text += ` #${this.#comments[trailing]!.text}`;
    }
    this.#lines.push(text.trimEnd());
    this.#opened = /[{[(|]$/.test(this.#line.trimEnd()) && trailing === undefined;
    this.#line = undefined;
  }

  /** The index of the last comment not yet written on a row up to `row`. */
  #lastUpTo(row: number): number | undefined {
    let found: number | undefined;
    for (let i = this.#next; i < this.#comments.length && this.#comments[i]!.loc.row <= row; i++) if (!this.#done[i]) found = i;
    return found;
  }

  /** Comments on rows before `row`, each on a line of its own at the current indent. */
  #ownLineComments(row: number): void {
    for (const c of this.#takeBefore(row)) {
      this.#blankBefore(c.loc.row);
      this.#commentLine(c);
      this.#row = c.loc.row;
    }
  }

  /** A comment on a line of its own, at the current indent. */
  #commentLine(c: A.Comment): void {
    this.#lines.push("\t".repeat(this.#indent) + `#${c.text}`.trimEnd());
    this.#opened = false;
  }

  /** One blank line when the source has one between the last row written and `row`. */
  #blankBefore(row: number): void {
    if (this.#opened || this.#lines.length === 0 || this.#lines[this.#lines.length - 1] === "") return;
    if (this.#rows.blankBetween(this.#row, row)) this.#lines.push("");
  }
}
