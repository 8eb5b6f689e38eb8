/**
 * big.Float's Add, Sub, Mul, Quo and Cmp: every result must be the exact result
 * rounded once to the precision asked for (64 bits, and 53 for `product`), checked
 * against exact rational arithmetic, over huge and tiny exponents; and zero results
 * carry Go's signs.
 */
import t from "tap";
import { roundFloat, zero, type BigFloat } from "../../../../../packages/rego/dist/builtins/support/bignum/binary-float.js";
import { add, cmp, mul, quo, sub } from "../../../../../packages/rego/dist/builtins/support/bignum/float-arith.js";
import { exactOf, minus, nearest, over, plus, randomBits, sameValue, seeded, times, type Exact } from "../../../../_lib/exact-reference.js";

function randomFloat(rand: (n: number) => number): BigFloat {
  const wide = rand(20) === 0;
  const e = wide ? rand(8000) - 4000 : rand(400) - 200;
  return roundFloat(rand(2) === 1, randomBits(rand, 1 + rand(64)), e, 64);
}

const OPS: [string, (x: BigFloat, y: BigFloat, p: number) => BigFloat, (a: Exact, b: Exact) => Exact][] = [
  ["add", add, plus],
  ["sub", sub, minus],
  ["mul", mul, times],
  ["quo", quo, over],
];

t.test("each operation is the exact result rounded once (differential against rationals)", async (t) => {
  const rand = seeded(7);
  let checked = 0;
  for (let i = 0; i < 1500; i++) {
    const x = randomFloat(rand);
    // Half the pairs share an exponent range, so sums cancel and round in earnest.
    const y = rand(2) ? randomFloat(rand) : roundFloat(rand(2) === 1, randomBits(rand, 64), x.e + rand(8) - 4, 64);
    for (const [name, op, exact] of OPS) {
      for (const prec of [64, 53]) {
        const want = nearest(exact(exactOf(x), exactOf(y)), prec);
        if (!sameValue(exactOf(op(x, y, prec)), want)) t.fail(`${name} ${x.m}p${x.e} ${y.m}p${y.e} at ${prec}`);
        checked++;
      }
    }
  }
  t.equal(checked, 12000);
});

t.test("zero results carry Go's signs", async (t) => {
  const half = roundFloat(false, 1n, -1, 64);
  const negHalf = roundFloat(true, 1n, -1, 64);
  const five = roundFloat(false, 5n, 0, 64);
  const negFive = roundFloat(true, 5n, 0, 64);
  t.equal(add(negHalf, half, 64).neg, false, "-0.5 + 0.5 is +0");
  t.equal(sub(half, half, 64).neg, false, "0.5 - 0.5 is +0");
  t.equal(add(zero(true, 64), zero(true, 64), 64).neg, true, "-0 + -0 is -0");
  t.equal(add(zero(true, 64), zero(false, 64), 64).neg, false, "-0 + +0 is +0");
  t.equal(sub(zero(true, 64), zero(false, 64), 64).neg, true, "-0 - +0 is -0");
  t.equal(mul(zero(false, 64), negHalf, 64).neg, true, "0 × -0.5 is -0");
  t.equal(quo(zero(false, 64), negFive, 64).neg, true, "0 / -5 is -0");
  t.equal(quo(zero(true, 64), five, 64).neg, true, "-0 / 5 is -0");
  t.throws(() => quo(five, zero(false, 64), 64), RangeError, "the caller must rule out a zero divisor");
});

t.test("an operand of more bits than the result is rounded only once", async (t) => {
  // 2^70 + 1 has 71 bits; adding 2^70 - 1 gives exactly 2^71, which must not be
  // disturbed by rounding the operand first.
  const a = { neg: false, m: (1n << 70n) + 1n, e: 0, prec: 128 };
  const b = { neg: false, m: (1n << 70n) - 1n, e: 0, prec: 128 };
  t.ok(sameValue(exactOf(add(a, b, 64)), { n: 1n << 71n, d: 1n }));
});

t.test("cmp orders by value, with the two zeros equal", async (t) => {
  const v = (neg: boolean, m: bigint, e: number) => roundFloat(neg, m, e, 64);
  t.equal(cmp(zero(true, 64), zero(false, 64)), 0);
  t.equal(cmp(v(true, 1n, -1000), zero(false, 64)), -1);
  t.equal(cmp(v(false, 3n, 0), v(false, 6n, -1)), 0, "3 == 6/2");
  t.equal(cmp(v(false, 1n, 100), v(false, (1n << 64n) - 1n, 36)), 1);
  t.equal(cmp(v(true, 1n, 100), v(true, 1n, 99)), -1);
});
