/**
 * Parsing of unit-suffixed quantities (units.parse, units.parse_bytes). units.parse
 * computes exactly (Go's big.Rat); units.parse_bytes rounds as Go's 64-bit big.Float
 * does, then truncates to an integer. Error messages carry the builtin's name, as
 * OPA's do (the evaluator adds it once more, as OPA's does).
 */
import { numberFromBigInt, numberFromText, type NumberValue } from "../../ast/number.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { BuiltinError, string } from "../operands.js";
import { floatString, fromFloat64, multiply, parseDecimal, type Rational } from "../support/bignum/rational.js";
import { fromBigInt, truncate } from "../support/bignum/binary-float.js";
import { mul } from "../support/bignum/float-arith.js";
import { parseBigFloat } from "../support/bignum/float-parse.js";

/** Most digits accepted in an exponent ("1e999999"). */
const MAX_EXPONENT_DIGITS = 6;

const KI = 1n << 10n;
const MI = 1n << 20n;
const GI = 1n << 30n;
const TI = 1n << 40n;
const PI = 1n << 50n;
const EI = 1n << 60n;
const K = 1000n;
const M = K * K;
const G = M * K;
const T = G * K;
const P = T * K;
const E = P * K;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/**
 * Splits "10.5e3Mi" into the number ("10.5e3") and the unit ("Mi"): the number is the
 * leading run of digits, '.', signs and exponents ('e' counts only when a digit or
 * sign follows). Returns undefined when an exponent has too many digits.
 */
function splitNumberAndUnit(s: string): [string, string] | undefined {
  let first = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (!isDigit(c) && c !== "." && c !== "e" && c !== "E" && c !== "+" && c !== "-") {
      first = i;
      break;
    }
    if (c === "e" || c === "E") {
      const next = s[i + 1];
      if (i === s.length - 1 || (!isDigit(next) && next !== "+" && next !== "-")) {
        first = i;
        break;
      }
      if (next === "+" || next === "-") i++;
      let end = i + 1;
      while (end < s.length && isDigit(s[end])) end++;
      if (end - (i + 1) > MAX_EXPONENT_DIGITS) return undefined;
    }
  }
  if (first === -1) return [s, ""];
  return [s.slice(0, first), s.slice(first)];
}

const MILLI = fromFloat64(0.001);

const SI_UNITS: Record<string, Rational> = {
  "": { p: 1n, q: 1n },
  m: MILLI,
  k: { p: K, q: 1n },
  K: { p: K, q: 1n },
  ki: { p: KI, q: 1n },
  Ki: { p: KI, q: 1n },
  M: { p: M, q: 1n },
  mi: { p: MI, q: 1n },
  Mi: { p: MI, q: 1n },
  g: { p: G, q: 1n },
  G: { p: G, q: 1n },
  gi: { p: GI, q: 1n },
  Gi: { p: GI, q: 1n },
  t: { p: T, q: 1n },
  T: { p: T, q: 1n },
  ti: { p: TI, q: 1n },
  Ti: { p: TI, q: 1n },
  p: { p: P, q: 1n },
  P: { p: P, q: 1n },
  pi: { p: PI, q: 1n },
  Pi: { p: PI, q: 1n },
  e: { p: E, q: 1n },
  E: { p: E, q: 1n },
  ei: { p: EI, q: 1n },
  Ei: { p: EI, q: 1n },
};

const BYTE_UNITS: Record<string, bigint> = {
  "": 1n,
  kb: K,
  k: K,
  kib: KI,
  ki: KI,
  mb: M,
  m: M,
  mib: MI,
  mi: MI,
  gb: G,
  g: G,
  gib: GI,
  gi: GI,
  tb: T,
  t: T,
  tib: TI,
  ti: TI,
  pb: P,
  p: P,
  pib: PI,
  pi: PI,
  eb: E,
  e: E,
  eib: EI,
  ei: EI,
};

const hasOwn = Object.prototype.hasOwnProperty;

function parseUnits(raw: string): NumberValue {
  const fail = (msg: string): BuiltinError => new BuiltinError(`units.parse: ${msg}`);
  const s = raw.replaceAll('"', "");
  if (s.includes(" ")) throw fail("spaces not allowed in resource strings");
  const split = splitNumberAndUnit(s);
  if (!split) throw fail("exponent too large");
  const [num, rawUnit] = split;
  if (num === "") throw fail("no amount provided");
  const unit = rawUnit.length > 1 ? rawUnit[0]! + rawUnit.slice(1).toLowerCase() : rawUnit;
  if (!hasOwn.call(SI_UNITS, unit)) throw fail(`unit ${unit} not recognized`);
  const amount = parseDecimal(num);
  if (!amount) throw fail("could not parse amount to a number");
  const x = multiply(amount, SI_UNITS[unit]!);
  if (x.q === 1n) return numberFromBigInt(x.p);
  return numberFromText(floatString(x, 10));
}

function parseBytes(raw: string): NumberValue {
  const fail = (msg: string): BuiltinError => new BuiltinError(`units.parse_bytes: ${msg}`);
  const s = raw.toLowerCase().replaceAll('"', "");
  if (s.includes(" ")) throw fail("spaces not allowed in resource strings");
  const split = splitNumberAndUnit(s);
  if (!split) throw fail("exponent too large");
  const [num, unit] = split;
  if (num === "") throw fail("no byte amount provided");
  if (!hasOwn.call(BYTE_UNITS, unit)) throw fail(`byte unit ${unit} not recognized`);
  // OPA: big.Float SetString (64 bits), times the unit, truncated to an integer.
  const amount = parseBigFloat(num);
  if (!amount) throw fail("could not parse byte amount to a number");
  return numberFromBigInt(truncate(mul(amount, fromBigInt(BYTE_UNITS[unit]!, 64), 64)));
}

export const unitBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "units.parse",
    args: [{ name: "x", type: t.string }],
    result: { name: "y", type: t.number },
    categories: [],
    description:
      'Converts strings like "10G", "5K", "4M", "1500m", and the like into a number.\nThis number can be a non-integer, such as 1.5, 0.22, etc. Scientific notation is supported,\nallowing values such as "1e-3K" (1) or "2.5e6M" (2.5 million M).\n\nSupports standard metric decimal and binary SI units (e.g., K, Ki, M, Mi, G, Gi, etc.) where\nm, K, M, G, T, P, and E are treated as decimal units and Ki, Mi, Gi, Ti, Pi, and Ei are treated as\nbinary units.\n\nNote that \'m\' and \'M\' are case-sensitive to allow distinguishing between "milli" and "mega" units\nrespectively. Other units are case-insensitive.',
    impl: (args) => parseUnits(string(args, 1)),
  }),
  defineBuiltin({
    name: "units.parse_bytes",
    args: [{ name: "x", type: t.string }],
    result: { name: "y", type: t.number },
    categories: [],
    description:
      'Converts strings like "10GB", "5K", "4mb", or "1e6KB" into an integer number of bytes.\n\nSupports standard byte units (e.g., KB, KiB, etc.) where KB, MB, GB, and TB are treated as decimal\nunits, and KiB, MiB, GiB, and TiB are treated as binary units. Scientific notation is supported,\nenabling values like "1.5e3MB" (1500MB) or "2e6GiB" (2 million GiB).\n\nThe bytes symbol (b/B) in the unit is optional; omitting it will yield the same result (e.g., "Mi"\nand "MiB" are equivalent).',
    impl: (args) => parseBytes(string(args, 1)),
  }),
];
