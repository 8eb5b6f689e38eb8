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
  readonly #comments: readonly A.Comment[];
  readonly #rows: SourceRows;
  /** The next comment not yet written. */
  #next = 0;
  #indent = 0;
  #line: string | undefined;
  #lineIndent = 0;
  /** The last source row the output has reached (of code or a comment). */
  #row = 0;
  /** Whether the last finished line opened a block (`{`, `[`, `(`, `|`): no blank line follows it. */
  #opened = true;

  constructor(rows: SourceRows, comments: readonly A.Comment[]) {
    this.#comments = [...comments].sort((a, b) => a.loc.offset - b.loc.offset);
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
    if (endRow !== undefined && endRow > this.#row) this.#row = endRow;
  }

  /** Forces one blank line before the next line (between multi-line rules). */
  blank(): void {
    this.#endLine();
    if (this.#lines.length > 0 && this.#lines[this.#lines.length - 1] !== "") this.#lines.push("");
  }

  /** Ends the output: every comment left is written, and one newline ends the file. */
  finish(): string {
    this.#endLine();
    this.#ownLineComments(Infinity);
    while (this.#lines.length > 0 && this.#lines[this.#lines.length - 1] === "") this.#lines.pop();
    return this.#lines.join("\n") + "\n";
  }

  /** Whether the current line is still empty (nothing written since `line`). */
  get atLineStart(): boolean {
    return this.#line === "";
  }

  #endLine(): void {
    if (this.#line === undefined) return;
    let text = "\t".repeat(this.#lineIndent) + this.#line;
    // Comments after code on rows this line covers: the first trails the line,
    // others (several source rows joined into this line) follow on lines of their own.
    const trailing: A.Comment[] = [];
    while (this.#next < this.#comments.length && this.#comments[this.#next]!.loc.row <= this.#row) trailing.push(this.#comments[this.#next++]!);
    if (trailing.length > 0) text += ` #${trailing[0]!.text}`;
    this.#push(text.trimEnd());
    for (const c of trailing.slice(1)) this.#push("\t".repeat(this.#lineIndent) + `#${c.text}`.trimEnd());
    this.#opened = /[{[(|]$/.test(this.#line.trimEnd()) && trailing.length === 0;
    this.#line = undefined;
  }

  /** Comments on rows before `row`, each on a line of its own at the current indent. */
  #ownLineComments(row: number): void {
    while (this.#next < this.#comments.length && this.#comments[this.#next]!.loc.row < row) {
      const c = this.#comments[this.#next++]!;
      this.#blankBefore(c.loc.row);
      this.#push("\t".repeat(this.#indent) + `#${c.text}`.trimEnd());
      this.#row = c.loc.row;
      this.#opened = false;
    }
  }

  /** One blank line when the source has one between the last row written and `row`. */
  #blankBefore(row: number): void {
    if (this.#opened || this.#lines.length === 0 || this.#lines[this.#lines.length - 1] === "") return;
    if (this.#rows.blankBetween(this.#row, row)) this.#lines.push("");
  }

  #push(text: string): void {
    this.#lines.push(text);
  }
}
