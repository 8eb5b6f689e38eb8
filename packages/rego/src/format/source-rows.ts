/**
 * Rows of source offsets, for a formatter that decides layout by where things were
 * written: a literal whose items start on more than one row stays multi-line; a rule
 * whose one expression was written on its head's row stays a one-liner.
 */
import type { Location } from "../ast/location.js";

export class SourceRows {
  readonly source: string;
  readonly #starts: number[] = [0];

  constructor(source: string) {
    this.source = source;
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.#starts.push(i + 1);
  }

  /** The 1-based row of an offset. */
  rowAt(offset: number): number {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The row of a node's last character. */
  endRow(loc: Location): number {
    return this.rowAt(Math.max(loc.offset, loc.endOffset - 1));
  }

  /** Whether a blank line stands between rows `from` and `to` (both excluded). */
  blankBetween(from: number, to: number): boolean {
    for (let r = from + 1; r < to; r++) {
      const start = this.#starts[r - 1];
      if (start === undefined) return false;
      const end = r < this.#starts.length ? this.#starts[r]! - 1 : this.source.length;
      if (this.source.slice(start, end).trim() === "") return true;
    }
    return false;
  }

  text(loc: Location): string {
    return this.source.slice(loc.offset, loc.endOffset);
  }

  /**
   * The offset of the closing `char` after `from`, skipping blanks and comments (the
   * `}` of a body after its last expression); -1 when something else comes first.
   */
  closing(from: number, char: string): number {
    let i = from;
    const s = this.source;
    while (i < s.length) {
      const c = s[i]!;
      if (c === "#") {
        while (i < s.length && s[i] !== "\n") i++;
        continue;
      }
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "," || c === ";") {
        i++;
        continue;
      }
      return c === char ? i : -1;
    }
    return -1;
  }
}
