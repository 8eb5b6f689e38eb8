/**
 * Go's `fmt` formatter state (`fmt.fmt`): flags, width and precision, and the
 * per-kind formatting of integers, strings and floats with padding. Output builds up
 * in `buf`. Widths count code points, as Go counts runes.
 */
import { formatFloat } from "./float.js";
import { canBackquote, isPrint, quote, quoteRune, runeCount } from "./quote.js";

const MAX_RUNE = 0x10ffff;
const UINT64 = (1n << 64n) - 1n;

export class GoFmt {
  buf = "";
  wid = 0;
  prec = 0;
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  /** `%+v` and `%#v`: set at the top level, with `plus`/`sharp` cleared. */
  plusV = false;
  sharpV = false;

  clearFlags(): void {
    this.wid = 0;
    this.prec = 0;
    this.widPresent = this.precPresent = false;
    this.minus = this.plus = this.sharp = this.space = this.zero = false;
    this.plusV = this.sharpV = false;
  }

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.zero && !this.minus ? "0" : " ").repeat(n);
  }

  /** Appends `s`, padded on the left (or on the right with `-`) to the width. */
  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  /** Pads with `zero` forced off (numbers that handled zero padding themselves). */
  private padNoZero(s: string): void {
    const oldZero = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oldZero;
  }

  /** A signed integer in base 2, 8, 10 or 16 (`fmt.fmtInteger`). */
  fmtInteger(v: bigint, base: number, upper: boolean, verb: string): void {
    const negative = v < 0n;
    const u = negative ? -v : v;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = oldZero;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let s = u.toString(base);
    if (upper) s = s.toUpperCase();
    if (s.length < prec) s = "0".repeat(prec - s.length) + s;
    if (this.sharp) {
      if (base === 2) s = "0b" + s;
      else if (base === 8 && s[0] !== "0") s = "0" + s;
      else if (base === 16) s = (upper ? "0X" : "0x") + s;
    }
    if (verb === "O") s = "0o" + s;
    if (negative) s = "-" + s;
    else if (this.plus) s = "+" + s;
    else if (this.space) s = " " + s;
    this.padNoZero(s);
  }

  /** `%U`: "U+0078", with `#` "U+0078 'x'"; `v` is taken as a uint64. */
  fmtUnicode(v: bigint): void {
    const u = BigInt.asUintN(64, v);
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = u.toString(16).toUpperCase();
    if (s.length < prec) s = "0".repeat(prec - s.length) + s;
    s = "U+" + s;
    if (this.sharp && u <= BigInt(MAX_RUNE) && isPrint(Number(u))) s += " '" + String.fromCodePoint(Number(u)) + "'";
    this.padNoZero(s);
  }

  /** `%c`: the integer as a character (U+FFFD when invalid). */
  fmtC(v: bigint): void {
    this.pad(String.fromCodePoint(runeOf(v)));
  }

  /** `%q` on an integer: a single-quoted character literal. */
  fmtQc(v: bigint): void {
    this.pad(quoteRune(runeOf(v), this.plus));
  }

  /** Truncates to the precision, in code points. */
  private truncate(s: string): string {
    if (!this.precPresent) return s;
    let n = this.prec;
    let i = 0;
    for (const ch of s) {
      if (n-- <= 0) return s.slice(0, i);
      i += ch.length;
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  /** `%x`/`%X` on a string: the hex encoding of its UTF-8 bytes. */
  fmtSx(s: string, upper: boolean): void {
    const bytes = Buffer.from(s, "utf8");
    let length = bytes.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    const prefix = upper ? "0X" : "0x";
    let out = this.sharp ? prefix : "";
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        out += " ";
        if (this.sharp) out += prefix;
      }
      const h = bytes[i]!.toString(16).padStart(2, "0");
      out += upper ? h.toUpperCase() : h;
    }
    this.buf += out;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  /** `%q` on a string: a double-quoted Go string literal, or with `#` a raw one when possible. */
  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.sharp && canBackquote(s)) {
      this.pad("`" + s + "`");
      return;
    }
    this.pad(quote(s, this.plus));
  }

  /** A float64 in `verb` (`e E f g G b x X`) with the default precision `prec` (`fmt.fmtFloat`). */
  fmtFloat(v: number, verb: string, prec: number): void {
    if (this.precPresent) prec = this.prec;
    let num = formatFloat(v, verb, prec);
    num = num[0] === "-" || num[0] === "+" ? num : "+" + num;
    if (this.space && num[0] === "+" && !this.plus) num = " " + num.slice(1);
    if (num[1] === "I" || num[1] === "N") {
      if (num[1] === "N" && !this.space && !this.plus) num = num.slice(1);
      this.padNoZero(num);
      return;
    }
    if (this.sharp && verb !== "b") num = sharpFloat(num, verb, prec);
    if (this.plus || num[0] !== "+") {
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }
}

/** The rune `%c` and `%q` print for an integer: U+FFFD when it is no valid code point. */
function runeOf(v: bigint): number {
  const u = BigInt.asUintN(64, v);
  if (u > BigInt(MAX_RUNE)) return 0xfffd;
  const r = Number(u & UINT64);
  return r >= 0xd800 && r <= 0xdfff ? 0xfffd : r;
}

/** The `#` flag on floats: always a decimal point, and trailing zeros kept for %g. */
function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = 0;
  if (verb === "v" || verb === "g" || verb === "G" || verb === "x") digits = prec === -1 ? 6 : prec;
  let tail = "";
  let hasDecimalPoint = false;
  let sawNonzeroDigit = false;
  for (let i = 1; i < num.length; i++) {
    const c = num[i]!;
    if (c === ".") {
      hasDecimalPoint = true;
      continue;
    }
    if (c === "p" || c === "P" || ((c === "e" || c === "E") && verb !== "x" && verb !== "X")) {
      tail = num.slice(i);
      num = num.slice(0, i);
      break;
    }
    if (c !== "0") sawNonzeroDigit = true;
    if (sawNonzeroDigit) digits--;
  }
  if (!hasDecimalPoint) {
    if (num.length === 2 && num[1] === "0") digits--;
    num += ".";
  }
  if (digits > 0) num += "0".repeat(digits);
  return num + tail;
}
