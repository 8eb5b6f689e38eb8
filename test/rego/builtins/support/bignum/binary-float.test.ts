/**
 * The big.Float representation: rounding to a precision (nearest, ties to even, with
 * the carry into a new top bit), conversions from rationals and integers, truncation,
 * and the signed zero. Rounding is checked against a reference written from the
 * definition (test/_lib/exact-reference.ts).
 */
import t from "tap";
import { bitLength, fromBigInt, isInt, roundFloat, roundQuotient, truncate, zero } from "../../../../../packages/rego/dist/builtins/support/bignum/binary-float.js";
import { exactOf, nearest, randomBits, sameValue, seeded } from "../../../../_lib/exact-reference.js";

const P64 = 1n << 64n;

t.test("bitLength counts bits without a binary string", async (t) => {
  for (const [x, n] of [[0n, 0], [1n, 1], [2n, 2], [255n, 8], [256n, 9], [P64 - 1n, 64], [P64, 65]] as const) t.equal(bitLength(x), n, String(x));
});

t.test("rounding to 64 bits is to nearest, ties to even", async (t) => {
  const value = (m: bigint, prec = 64) => exactOf(roundFloat(false, m, 0, prec));
  t.ok(sameValue(value(P64 + 1n), { n: P64, d: 1n }), "2^64+1 is a tie: down to the even 2^64");
  t.ok(sameValue(value(P64 + 3n), { n: P64 + 4n, d: 1n }), "2^64+3 is a tie: up to the even 2^64+4");
  t.ok(sameValue(value(P64 + 2n), { n: P64 + 2n, d: 1n }), "2^64+2 fits");
  t.ok(sameValue(value(P64 + 5n), { n: P64 + 4n, d: 1n }), "2^64+5 is a tie: down to 2^64+4");
  t.ok(sameValue(value((1n << 54n) + 1n, 53), { n: 1n << 54n, d: 1n }), "ties at 53 bits too");
});

t.test("a carry out of the top bit renormalizes the mantissa", async (t) => {
  const f = roundFloat(false, P64 - 1n, 0, 63);
  t.equal(bitLength(f.m) <= 63, true);
  t.ok(sameValue(exactOf(f), { n: P64, d: 1n }));
});

t.test("a quotient rounds exactly as the reference", async (t) => {
  const rand = seeded(11);
  for (let i = 0; i < 2000; i++) {
    const neg = rand(2) === 1;
    const p = randomBits(rand, 1 + rand(150));
    const q = randomBits(rand, 1 + rand(150));
    for (const prec of [64, 53]) {
      const got = exactOf(roundQuotient(neg, p, q, 0, prec));
      if (!sameValue(got, nearest({ n: neg ? -p : p, d: q }, prec))) t.fail(`${p}/${q} at ${prec} bits`);
    }
  }
  t.pass("2000 rationals at 64 and 53 bits");
});

t.test("fromBigInt holds any integer exactly, as SetInt does", async (t) => {
  const big = (1n << 200n) + 1n;
  const f = fromBigInt(big);
  t.equal(f.prec, 201, "the precision grows to the bit length");
  t.equal(truncate(f), big);
  t.equal(fromBigInt(5n).prec, 64, "at least 64 bits");
  t.equal(fromBigInt(0n).neg, false, "zero is +0");
});

t.test("truncation and integer tests", async (t) => {
  const half = (n: bigint) => roundFloat(n < 0n, n < 0n ? -n : n, -1, 64);
  t.equal(truncate(half(-1n)), 0n, "-0.5 truncates to 0");
  t.equal(truncate(half(-3n)), -1n, "-1.5 truncates to -1");
  t.equal(truncate(half(5n)), 2n, "2.5 truncates to 2");
  t.notOk(isInt(half(5n)));
  t.ok(isInt(half(4n)), "4/2 is an integer even with a negative exponent");
  t.ok(isInt(zero(true, 64)), "-0 is an integer");
  t.equal(truncate(roundFloat(false, 3n, 100, 64)), 3n << 100n);
});

t.test("zero keeps its sign; exponent underflow gives a signed zero; overflow is refused", async (t) => {
  t.equal(zero(true, 64).neg, true);
  const tiny = roundFloat(true, 1n, -(2 ** 31) - 5, 64);
  t.equal(tiny.m, 0n);
  t.equal(tiny.neg, true);
  t.throws(() => roundFloat(false, 1n, 2 ** 31, 64), RangeError);
});
