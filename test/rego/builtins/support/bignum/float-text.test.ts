/**
 * big.Float.Text with the shortest precision, in the 'f' and 'g' formats OPA prints
 * numbers with. The expected texts are what Go 1.19's math/big prints for the same
 * values. Go's shortest digits use half an ulp on both sides, so at a power of two
 * they can name the float below (2^65 prints as 36893488147419103230); elsewhere the
 * text reads back to the same float.
 */
import t from "tap";
import { fromBigInt, roundFloat, zero } from "../../../../../packages/rego/dist/builtins/support/bignum/binary-float.js";
import { add, mul, quo, sub } from "../../../../../packages/rego/dist/builtins/support/bignum/float-arith.js";
import { parseBigFloat } from "../../../../../packages/rego/dist/builtins/support/bignum/float-parse.js";
import { floatNumberText, textF, textG } from "../../../../../packages/rego/dist/builtins/support/bignum/float-text.js";
import { exactOf, randomBits, sameValue, seeded } from "../../../../_lib/exact-reference.js";

const p = (s: string, prec = 64) => parseBigFloat(s, prec)!;

t.test("texts Go prints", async (t) => {
  const cases: [string, ReturnType<typeof p>, string][] = [
    ["1/3", quo(p("1"), p("3"), 64), "0.33333333333333333334"],
    ["2/3", quo(p("2"), p("3"), 64), "0.6666666666666666667"],
    ["1/7", quo(p("1"), p("7"), 64), "0.14285714285714285714"],
    ["1 - 0.9", sub(p("1"), p("0.9"), 64), "0.10000000000000000002"],
    ["0.1 + 0.2", add(p("0.1"), p("0.2"), 64), "0.3"],
    ["1.1 * 1.1", mul(p("1.1"), p("1.1"), 64), "1.21"],
    ["1.1 * 1.1 at 53 bits", mul(mul(p("1", 53), p("1.1"), 53), p("1.1"), 53), "1.2100000000000002"],
    ["1e-300 * 1e-300", mul(p("1e-300"), p("1e-300"), 64), "9.9999999999999999994e-601"],
    ["1234567.5", p("1234567.5"), "1.2345675e+06"],
    ["123456.5", p("123456.5"), "123456.5"],
    ["1e-5", p("1e-5"), "1e-05"],
    ["0.0001", p("0.0001"), "0.0001"],
    ["0.00001234", p("0.00001234"), "1.234e-05"],
    ["1e23", p("1e23"), "100000000000000000000000"],
    ["123456789012345678901234567890", p("123456789012345678901234567890"), "123456789012345678900000000000"],
    ["2^64 + 1", p("18446744073709551617"), "18446744073709551616"],
    ["2^64 + 3", p("18446744073709551619"), "18446744073709551620"],
    ["2^65", p("36893488147419103233"), "36893488147419103230"],
    ["1e30", p("1e30"), "1000000000000000000000000000000"],
    ["2^100 held exactly (SetInt)", fromBigInt(1n << 100n), "1267650600228229401496703205376"],
    ["-0", zero(true, 64), "-0"],
    ["+0", zero(false, 64), "0"],
    ["-2.5", p("-2.5"), "-2.5"],
  ];
  for (const [name, f, want] of cases) t.equal(floatNumberText(f), want, name);
});

t.test("'f' never uses an exponent and 'g' switches below 1e-4 and from 1e6", async (t) => {
  t.equal(textF(p("1e-7")), "0.0000001");
  t.equal(textG(p("1e-7")), "1e-07");
  t.equal(textG(p("999999.5")), "999999.5");
  t.equal(textG(p("1000000.5")), "1.0000005e+06");
  t.equal(textG(p("1e100")), "1e+100", "three exponent digits when needed");
  t.equal(textF(p("1.5e3")), "1500");
});

t.test("away from powers of two the shortest text reads back to the same float", async (t) => {
  const rand = seeded(5);
  let longest = 0;
  for (let i = 0; i < 3000; i++) {
    const prec = rand(2) ? 64 : 53;
    let m = randomBits(rand, prec);
    if ((m & (m - 1n)) === 0n) m += 1n;
    const f = roundFloat(rand(2) === 1, m, rand(600) - 300, prec);
    const text = floatNumberText(f);
    longest = Math.max(longest, text.replace(/^-|e.*$|\./g, "").replace(/^0+|0+$/g, "").length);
    if (!sameValue(exactOf(parseBigFloat(text, prec)!), exactOf(f))) t.fail(`${text} at ${prec} bits`);
  }
  t.ok(longest <= 21, `at most 21 significant digits (saw ${longest})`);
});

t.test("short precisions show the digit rules (texts from Go's math/big)", async (t) => {
  // value as m × 2^e at `prec` bits, and what Go prints for it
  const cases: [bigint, number, number, string][] = [
    [1n, -1, 1, "0.5"],
    [1n, -2, 2, "0.2"], // 0.25: both 0.2 and 0.3 read back; the digit tie goes to even
    [3n, -3, 2, "0.4"], // 0.375
    [3n, -2, 2, "0.8"], // 0.75
    [3n, 5, 2, "100"], // 96: integers print with 'f', shortened to zeros
    [1n, 10, 1, "1000"], // 1024
    [5n, -1, 3, "2.5"],
  ];
  for (const [m, e, prec, want] of cases) t.equal(floatNumberText(roundFloat(false, m, e, prec)), want, `${m}p${e} at ${prec} bits`);
});
