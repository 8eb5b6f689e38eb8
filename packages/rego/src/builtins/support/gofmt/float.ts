/**
 * Go's `strconv.FormatFloat` for float64, for the formats `fmt` uses: `e`, `E`, `f`,
 * `g`, `G`, `b`, `x` and `X`, with a precision or (-1) the shortest digits that
 * round-trip. Fixed precisions round the exact binary value half to even, as Go does.
 */

/** Decimal digits: the value is 0.d × 10^dp; `d` has no trailing zeros ("" for zero). */
interface Digits {
  readonly d: string;
  readonly dp: number;
}

/** Go's view of a float64: the value is `mant × 2^(exp - 52)`, `mant` with its implicit bit. */
interface Bits {
  readonly neg: boolean;
  readonly mant: bigint;
  readonly exp: number;
}

const view = new DataView(new ArrayBuffer(8));

function bitsOf(x: number): Bits {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const neg = hi >>> 31 === 1;
  let exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  return { neg, mant, exp: exp - 1023 };
}

function trimZeros(d: string, dp: number): Digits {
  let n = d.length;
  while (n > 0 && d.charCodeAt(n - 1) === 0x30) n--;
  return n === 0 ? { d: "", dp: 0 } : { d: d.slice(0, n), dp };
}

/** The exact decimal expansion of `mant × 2^e2`. */
function exactDigits(mant: bigint, e2: number): Digits {
  if (mant === 0n) return { d: "", dp: 0 };
  if (e2 >= 0) {
    const s = (mant << BigInt(e2)).toString();
    return trimZeros(s, s.length);
  }
  const s = (mant * 5n ** BigInt(-e2)).toString();
  return trimZeros(s, s.length + e2);
}

/** The shortest digits that read back as `x` (x finite, not negative). */
function shortestDigits(x: number): Digits {
  if (x === 0) return { d: "", dp: 0 };
  const [m = "", e = "0"] = x.toExponential().split("e");
  return trimZeros(m.replace(".", ""), Number(e) + 1);
}

/** Rounds to `nd` digits, half to even (`strconv`'s `decimal.Round` on exact digits). */
function round(a: Digits, nd: number): Digits {
  if (nd < 0 || nd >= a.d.length) return a;
  const c = a.d.charCodeAt(nd);
  let up: boolean;
  if (c === 0x35 && nd + 1 === a.d.length) up = nd > 0 && (a.d.charCodeAt(nd - 1) - 0x30) % 2 === 1;
  else up = c >= 0x35;
  if (!up) return trimZeros(a.d.slice(0, nd), a.dp);
  for (let i = nd - 1; i >= 0; i--) {
    const ci = a.d.charCodeAt(i);
    if (ci < 0x39) return { d: a.d.slice(0, i) + String.fromCharCode(ci + 1), dp: a.dp };
  }
  return { d: "1", dp: a.dp + 1 };
}

function fmtE(neg: boolean, a: Digits, prec: number, ch: string): string {
  let out = neg ? "-" : "";
  out += a.d.length === 0 ? "0" : a.d[0]!;
  if (prec > 0) {
    out += ".";
    const frac = a.d.slice(1, Math.min(a.d.length, prec + 1));
    out += frac + "0".repeat(prec - frac.length);
  }
  let exp = a.d.length === 0 ? 0 : a.dp - 1;
  out += ch;
  if (exp < 0) {
    out += "-";
    exp = -exp;
  } else out += "+";
  return out + (exp < 10 ? "0" + exp : String(exp));
}

function fmtF(neg: boolean, a: Digits, prec: number): string {
  let out = neg ? "-" : "";
  if (a.dp > 0) {
    const m = Math.min(a.d.length, a.dp);
    out += a.d.slice(0, m) + "0".repeat(a.dp - m);
  } else out += "0";
  if (prec > 0) {
    out += ".";
    for (let i = 1; i <= prec; i++) {
      const j = a.dp + i - 1;
      out += j >= 0 && j < a.d.length ? a.d[j]! : "0";
    }
  }
  return out;
}

function fmtB(b: Bits): string {
  const e = b.exp - 52;
  return (b.neg ? "-" : "") + b.mant.toString() + "p" + (e >= 0 ? "+" : "") + e;
}

const MASK64 = (1n << 64n) - 1n;
const BIT60 = 1n << 60n;

/** `%x`: -0x1.yyyyp±dd, the mantissa in hex, rounded to `prec` hex digits when 0 <= prec < 15. */
function fmtX(prec: number, upper: boolean, b: Bits): string {
  let { mant, exp } = b;
  if (mant === 0n) exp = 0;
  mant <<= 8n;
  while (mant !== 0n && (mant & BIT60) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (BIT60 - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  let out = (b.neg ? "-" : "") + "0" + (upper ? "X" : "x") + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & MASK64;
  if (prec < 0 && mant !== 0n) {
    out += ".";
    while (mant !== 0n) {
      out += digits[Number((mant >> 60n) & 15n)]!;
      mant = (mant << 4n) & MASK64;
    }
  } else if (prec > 0) {
    out += ".";
    for (let i = 0; i < prec; i++) {
      out += digits[Number((mant >> 60n) & 15n)]!;
      mant = (mant << 4n) & MASK64;
    }
  }
  out += upper ? "P" : "p";
  if (exp < 0) {
    out += "-";
    exp = -exp;
  } else out += "+";
  return out + (exp < 10 ? "0" + exp : String(exp));
}

/** Go's `strconv.FormatFloat(x, fmt, prec, 64)`. */
export function formatFloat(x: number, fmt: string, prec: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "+Inf";
  if (x === -Infinity) return "-Inf";
  const b = bitsOf(x);
  if (fmt === "b") return fmtB(b);
  if (fmt === "x" || fmt === "X") return fmtX(prec, fmt === "X", b);
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) {
    digs = shortestDigits(Math.abs(x));
    if (fmt === "e" || fmt === "E") prec = Math.max(digs.d.length - 1, 0);
    else if (fmt === "f") prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  } else {
    digs = exactDigits(b.mant, b.exp - 52);
    if (fmt === "e" || fmt === "E") digs = round(digs, prec + 1);
    else if (fmt === "f") digs = round(digs, digs.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digs = round(digs, prec);
    }
  }
  switch (fmt) {
    case "e":
    case "E":
      return fmtE(b.neg, digs, prec, fmt);
    case "f":
      return fmtF(b.neg, digs, prec);
  }
  // g, G
  const nd = digs.d.length;
  let eprec = prec;
  if (eprec > nd && nd >= digs.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > nd) prec = nd;
    return fmtE(b.neg, digs, prec - 1, fmt === "G" ? "E" : "e");
  }
  if (prec > digs.dp) prec = nd;
  return fmtF(b.neg, digs, Math.max(prec - digs.dp, 0));
}
