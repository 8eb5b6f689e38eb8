/**
 * Go's `fmt.Sprintf` over the four kinds of operand OPA's `sprintf` passes: `int`,
 * `*big.Int`, `float64` and `string`. Verbs, flags, width, precision, `*` and `[n]`
 * argument indexes, and the error forms (`%!d(string=x)`, `%!v(MISSING)`,
 * `%!(EXTRA int=1)`, `%!(NOVERB)`, `%!(BADWIDTH)`, ...) follow Go's `doPrintf`.
 */
import { GoFmt } from "./format.js";

/**
 * A Go value as `fmt` sees it. `int` holds a value in int64 range; a `string` may
 * name another string type (`json.Number`, whose `String` method returns the same
 * text); `composite` stands for a slice or map, already printed in its `%v` form.
 */
export type GoArg =
  | { readonly kind: "int"; readonly value: bigint }
  | { readonly kind: "bigint"; readonly value: bigint }
  | { readonly kind: "float64"; readonly value: number }
  | { readonly kind: "string"; readonly value: string; readonly type?: string }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "nil" }
  | { readonly kind: "composite"; readonly value: string; readonly type: string };

function goTypeName(a: GoArg): string {
  switch (a.kind) {
    case "bigint":
      return "*big.Int";
    case "string":
      return a.type ?? "string";
    case "composite":
      return a.type;
    default:
      return a.kind;
  }
}

/** Go's `tooLarge`: widths and precisions beyond ±1e6 are refused. */
function tooLarge(x: number): boolean {
  return x > 1e6 || x < -1e6;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

class Printer {
  readonly f = new GoFmt();
  reordered = false;
  goodArgNum = true;
  arg: GoArg | undefined;

  printArg(arg: GoArg, verb: string): void {
    this.arg = arg;
    if (arg.kind === "nil") {
      if (verb === "T" || verb === "v") this.f.pad("<nil>");
      else this.badVerb(verb);
      return;
    }
    if (verb === "T") {
      this.f.fmtS(goTypeName(arg));
      return;
    }
    if (verb === "p") {
      this.badVerb(verb);
      return;
    }
    switch (arg.kind) {
      case "int":
        this.fmtInteger(arg.value, verb);
        return;
      case "float64":
        this.fmtFloat(arg.value, verb);
        return;
      case "string":
        this.fmtString(arg.value, verb);
        return;
      case "bigint":
        this.formatBigInt(arg.value, verb);
        return;
      case "bool":
        if (verb === "t" || verb === "v") this.f.pad(arg.value ? "true" : "false");
        else this.badVerb(verb);
        return;
      case "composite":
        if (verb === "v" || verb === "s") this.f.buf += arg.value;
        else this.badVerb(verb);
        return;
    }
  }

  badVerb(verb: string): void {
    const arg = this.arg!;
    if (arg.kind === "nil") {
      this.f.buf += "%!" + verb + "(<nil>)";
      return;
    }
    this.f.buf += "%!" + verb + "(" + goTypeName(arg) + "=";
    this.printArg(arg, "v");
    this.f.buf += ")";
  }

  fmtInteger(v: bigint, verb: string): void {
    const f = this.f;
    switch (verb) {
      case "v":
      case "d":
        return f.fmtInteger(v, 10, false, verb);
      case "b":
        return f.fmtInteger(v, 2, false, verb);
      case "o":
      case "O":
        return f.fmtInteger(v, 8, false, verb);
      case "x":
        return f.fmtInteger(v, 16, false, verb);
      case "X":
        return f.fmtInteger(v, 16, true, verb);
      case "c":
        return f.fmtC(v);
      case "q":
        return f.fmtQc(v);
      case "U":
        return f.fmtUnicode(v);
      default:
        this.badVerb(verb);
    }
  }

  fmtFloat(v: number, verb: string): void {
    switch (verb) {
      case "v":
        return this.f.fmtFloat(v, "g", -1);
      case "b":
      case "g":
      case "G":
      case "x":
      case "X":
        return this.f.fmtFloat(v, verb, -1);
      case "f":
      case "e":
      case "E":
        return this.f.fmtFloat(v, verb, 6);
      case "F":
        return this.f.fmtFloat(v, "f", 6);
      default:
        this.badVerb(verb);
    }
  }

  fmtString(v: string, verb: string): void {
    switch (verb) {
      case "v":
        return this.f.sharpV ? this.f.fmtQ(v) : this.f.fmtS(v);
      case "s":
        return this.f.fmtS(v);
      case "x":
        return this.f.fmtSx(v, false);
      case "X":
        return this.f.fmtSx(v, true);
      case "q":
        return this.f.fmtQ(v);
      default:
        this.badVerb(verb);
    }
  }

  /** `(*big.Int).Format`: writes straight to the buffer, doing its own padding. */
  formatBigInt(x: bigint, verb: string): void {
    const f = this.f;
    let base: number;
    switch (verb) {
      case "b":
        base = 2;
        break;
      case "o":
      case "O":
        base = 8;
        break;
      case "d":
      case "s":
      case "v":
        base = 10;
        break;
      case "x":
      case "X":
        base = 16;
        break;
      default:
        f.buf += `%!${verb}(big.Int=${x.toString()})`;
        return;
    }
    const plus = f.plus || f.plusV;
    const sharp = f.sharp || f.sharpV;
    const sign = x < 0n ? "-" : plus ? "+" : f.space ? " " : "";
    let prefix = "";
    if (sharp) {
      if (verb === "b") prefix = "0b";
      else if (verb === "o") prefix = "0";
      else if (verb === "x") prefix = "0x";
      else if (verb === "X") prefix = "0X";
    }
    if (verb === "O") prefix = "0o";
    let digits = (x < 0n ? -x : x).toString(base);
    if (verb === "X") digits = digits.toUpperCase();
    let left = 0;
    let zeros = 0;
    let right = 0;
    if (f.precPresent) {
      if (digits.length < f.prec) zeros = f.prec - digits.length;
      else if (digits === "0" && f.prec === 0) return;
    }
    const length = sign.length + prefix.length + zeros + digits.length;
    if (f.widPresent && length < f.wid) {
      const d = f.wid - length;
      if (f.minus) right = d;
      else if (f.zero && !f.precPresent) zeros = d;
      else left = d;
    }
    f.buf += " ".repeat(left) + sign + prefix + "0".repeat(zeros) + digits + " ".repeat(right);
  }

  /** Reads `[n]` at `i`: the new argument number, position and whether an index was found. */
  argNumber(argNum: number, format: string, i: number, numArgs: number): [number, number, boolean] {
    if (i >= format.length || format[i] !== "[") return [argNum, i, false];
    this.reordered = true;
    const [index, wid, ok] = parseArgNumber(format, i);
    if (ok && index >= 0 && index < numArgs) return [index, i + wid, true];
    this.goodArgNum = false;
    return [argNum, i + wid, ok];
  }
}

/** Parses `[n]` at `start` (known to hold `[`): the zero-based index, bytes consumed, and success. */
function parseArgNumber(format: string, start: number): [number, number, boolean] {
  if (format.length - start < 3) return [0, 1, false];
  for (let i = start + 1; i < format.length; i++) {
    if (format[i] === "]") {
      const [width, ok, newi] = parseNum(format, start + 1, i);
      if (!ok || newi !== i) return [0, i - start + 1, false];
      return [width - 1, i - start + 1, true];
    }
  }
  return [0, 1, false];
}

/** Go's `parsenum`: digits at `start`, up to `end`. */
function parseNum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isNum = false;
  let i = start;
  for (; i < end && isDigit(s.charCodeAt(i)); i++) {
    if (tooLarge(num)) return [0, false, end];
    num = num * 10 + (s.charCodeAt(i) - 0x30);
    isNum = true;
  }
  return [num, isNum, i];
}

/** Go's `intFromArg`: a width or precision taken from an `int` operand. */
function intFromArg(args: readonly GoArg[], argNum: number): [number, boolean, number] {
  if (argNum >= args.length) return [0, false, argNum];
  const a = args[argNum]!;
  let num = 0;
  let isInt = false;
  if (a.kind === "int") {
    num = Number(a.value);
    isInt = true;
  }
  if (tooLarge(num)) return [0, false, argNum + 1];
  return [num, isInt, argNum + 1];
}

/** Go's `fmt.Sprintf(format, args...)`. */
export function goSprintf(format: string, args: readonly GoArg[]): string {
  const p = new Printer();
  const f = p.f;
  const end = format.length;
  let argNum = 0;
  let afterIndex = false;
  let i = 0;
  formatLoop: while (i < end) {
    p.goodArgNum = true;
    const lasti = i;
    while (i < end && format.charCodeAt(i) !== 0x25) i++;
    if (i > lasti) f.buf += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    f.clearFlags();
    simple: for (; i < end; i++) {
      const c = format[i]!;
      switch (c) {
        case "#":
          f.sharp = true;
          break;
        case "0":
          f.zero = true;
          break;
        case "+":
          f.plus = true;
          break;
        case "-":
          f.minus = true;
          break;
        case " ":
          f.space = true;
          break;
        default:
          if (c >= "a" && c <= "z" && argNum < args.length) {
            if (c === "v") {
              f.sharpV = f.sharp;
              f.sharp = false;
              f.plusV = f.plus;
              f.plus = false;
            }
            p.printArg(args[argNum]!, c);
            argNum++;
            i++;
            continue formatLoop;
          }
          break simple;
      }
    }

    [argNum, i, afterIndex] = p.argNumber(argNum, format, i, args.length);

    if (i < end && format[i] === "*") {
      i++;
      [f.wid, f.widPresent, argNum] = intFromArg(args, argNum);
      if (!f.widPresent) f.buf += "%!(BADWIDTH)";
      if (f.wid < 0) {
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
      afterIndex = false;
    } else {
      [f.wid, f.widPresent, i] = parseNum(format, i, end);
      if (afterIndex && f.widPresent) p.goodArgNum = false;
    }

    if (i + 1 < end && format[i] === ".") {
      i++;
      if (afterIndex) p.goodArgNum = false;
      [argNum, i, afterIndex] = p.argNumber(argNum, format, i, args.length);
      if (i < end && format[i] === "*") {
        i++;
        [f.prec, f.precPresent, argNum] = intFromArg(args, argNum);
        if (f.prec < 0) {
          f.prec = 0;
          f.precPresent = false;
        }
        if (!f.precPresent) f.buf += "%!(BADPREC)";
        afterIndex = false;
      } else {
        [f.prec, f.precPresent, i] = parseNum(format, i, end);
        if (!f.precPresent) {
          f.prec = 0;
          f.precPresent = true;
        }
      }
    }

    if (!afterIndex) [argNum, i, afterIndex] = p.argNumber(argNum, format, i, args.length);

    if (i >= end) {
      f.buf += "%!(NOVERB)";
      break;
    }

    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;

    if (verb === "%") f.buf += "%";
    else if (!p.goodArgNum) f.buf += "%!" + verb + "(BADINDEX)";
    else if (argNum >= args.length) f.buf += "%!" + verb + "(MISSING)";
    else {
      if (verb === "v") {
        f.sharpV = f.sharp;
        f.sharp = false;
        f.plusV = f.plus;
        f.plus = false;
      }
      p.printArg(args[argNum]!, verb);
      argNum++;
    }
  }

  if (!p.reordered && argNum < args.length) {
    f.clearFlags();
    f.buf += "%!(EXTRA ";
    for (let k = argNum; k < args.length; k++) {
      if (k > argNum) f.buf += ", ";
      const arg = args[k]!;
      if (arg.kind === "nil") {
        f.buf += "<nil>";
        continue;
      }
      f.buf += goTypeName(arg) + "=";
      p.printArg(arg, "v");
    }
    f.buf += ")";
  }
  return f.buf;
}
