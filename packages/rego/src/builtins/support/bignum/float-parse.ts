/**
 * Go's `big.Float.SetString` for decimal text, which is how OPA reads every number it
 * computes with (`builtins.NumberToFloat`).
 *
 * big.Float does not round the decimal value once. It keeps all the digits as an
 * integer mantissa M, and for a decimal exponent E (the written exponent less the
 * digits after the point) multiplies or divides by 5^|E| computed as a float of 64
 * more bits than the target, before one final rounding. Up to 5^55 that factor is
 * exact; beyond, it is itself rounded (at 128 bits, from a square-and-multiply loop
 * at 192), so very large or small exponents can come out one unit different from
 * the correctly rounded value. OPA sees those results, so they are reproduced here.
 */
import { roundFloat, zero, type BigFloat } from "./binary-float.js";
import { mul, quo } from "./float-arith.js";

/** Go's mantissa/exponent syntax for base 10: `digits.digits`, `digits.`, `.digits`, `e±digits`. */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Powers of five that fit a uint64, which Go takes from a table (exactly). */
const TABLE_MAX = 27;

/** Decimal text as big.Float reads it at `prec` bits (64 by default), or undefined if malformed. */
export function parseBigFloat(text: string, prec = 64): BigFloat | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, intPart = "", frac = "", exp = "0"] = match;
  if (intPart === "" && frac === "") return undefined;
  const neg = sign === "-";
  const m = BigInt(intPart + frac);
  if (m === 0n) return zero(neg, prec);
  const e10 = Number(exp) - frac.length;
  // Go reports an exponent beyond its int32 range as a syntax error.
  if (!Number.isSafeInteger(e10) || Math.abs(e10) > 2 ** 31) return undefined;
  if (e10 === 0) return roundFloat(neg, m, 0, prec);
  // 10^E = 2^E × 5^E: the power of two goes into the exponent, exactly. The mantissa
  // keeps all its digits until the one rounding in mul or quo.
  const z: BigFloat = { neg, m, e: e10, prec };
  let p: BigFloat;
  try {
    p = pow5(Math.abs(e10), prec + 64);
  } catch (e) {
    // 5^|E| past big.Float's exponent range is +Inf in Go, and x / Inf is a signed zero.
    if (e10 < 0 && e instanceof RangeError) return zero(neg, prec);
    throw e;
  }
  return e10 > 0 ? mul(z, p, prec) : quo(z, p, prec);
}

/** 5^n as big.Float's `pow5` computes it at `prec` bits. */
function pow5(n: number, prec: number): BigFloat {
  if (n <= TABLE_MAX) return { neg: false, m: 5n ** BigInt(n), e: 0, prec };
  let z: BigFloat = { neg: false, m: 5n ** BigInt(TABLE_MAX), e: 0, prec };
  let f: BigFloat = { neg: false, m: 5n, e: 0, prec: prec + 64 };
  for (let k = n - TABLE_MAX; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) z = mul(z, f, prec);
    f = mul(f, f, prec + 64);
  }
  return z;
}
