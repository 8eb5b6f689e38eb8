/**
 * big.Float.SetString for decimal text. Up to a decimal exponent of 55 the power of
 * five it uses is exact, so the result must be the correctly rounded value; beyond,
 * big.Float rounds 5^|E| to 128 bits first, and the results below are the ones Go
 * 1.19's math/big gives (and OPA therefore reads) where correct rounding differs.
 */
import t from "tap";
import { parseBigFloat } from "../../../../../packages/rego/dist/builtins/support/bignum/float-parse.js";
import { textG } from "../../../../../packages/rego/dist/builtins/support/bignum/float-text.js";
import { decimalExact, exactOf, nearest, randomBits, sameValue, seeded } from "../../../../_lib/exact-reference.js";

t.test("with |E| <= 55, the result is the decimal correctly rounded to 64 bits", async (t) => {
  const rand = seeded(3);
  for (let i = 0; i < 3000; i++) {
    const digits = randomBits(rand, 1 + rand(90));
    const fracLen = rand(30);
    const exp = rand(50) - 25;
    const s = digits.toString().padStart(fracLen + 1, "0");
    const text = `${rand(2) ? "-" : ""}${s.slice(0, s.length - fracLen)}${fracLen ? "." + s.slice(s.length - fracLen) : ""}e${exp}`;
    const want = nearest(decimalExact(text.startsWith("-") ? -digits : digits, exp - fracLen), 64);
    const got = parseBigFloat(text);
    if (!got || !sameValue(exactOf(got), want)) t.fail(text);
  }
  t.pass("3000 decimals");
});

t.test("beyond 5^55 the power of five is rounded first, as in Go (values from Go's math/big)", async (t) => {
  // Each text is exactly halfway between two 64-bit floats; correct rounding would
  // take the even one, Go's 128-bit 5^|E| tips it the other way.
  const cases: [string, string][] = [
    ["7717201412991447168895092919259359742767401257879100739955902099609375e-72", "0.0077172014129914471687"],
    ["2759401782018838965449384319426049706758252710869783186353743076324462890625e-80", "2.7594017820188389655e-05"],
  ];
  for (const [text, go] of cases) {
    const f = parseBigFloat(text)!;
    t.equal(textG(f), go, text.slice(0, 20));
    const [digits, exp] = text.split("e-") as [string, string];
    t.notOk(sameValue(exactOf(f), nearest(decimalExact(BigInt(digits), -Number(exp)), 64)), "correct rounding would differ");
  }
});

t.test("huge and tiny exponents", async (t) => {
  t.equal(textG(parseBigFloat("1e-400")!), "1e-400", "no float64 underflow");
  t.equal(textG(parseBigFloat("4.9e-324")!), "4.9e-324");
  t.equal(textG(parseBigFloat("7e-100")!), "7e-100");
  t.equal(parseBigFloat("1e400")!.e > 1000, true, "no float64 overflow");
  t.equal(parseBigFloat("1e-1000000000")!.m, 0n, "below big.Float's exponent range: zero");
  t.equal(parseBigFloat("1e99999999999999999999"), undefined, "an exponent beyond int32 is an error in Go");
});

t.test("signed zeros and syntax", async (t) => {
  for (const z of ["-0", "-0.0", "-0e5"]) t.same(parseBigFloat(z), { neg: true, m: 0n, e: 0, prec: 64 }, z);
  t.equal(parseBigFloat("0.000")!.neg, false);
  for (const ok of [".5", "5.", "+5", "1E3", "1e+3", "007"]) t.ok(parseBigFloat(ok), ok);
  for (const bad of ["", ".", "e5", "1e", "0x10", "1_000", "Inf", "NaN", "1.2.3", " 1"]) t.equal(parseBigFloat(bad), undefined, JSON.stringify(bad));
});

t.test("the precision is the one asked for", async (t) => {
  t.equal(parseBigFloat("0.1", 53)!.prec, 53);
  t.ok(sameValue(exactOf(parseBigFloat("0.1", 53)!), nearest({ n: 1n, d: 10n }, 53)), "0.1 at 53 bits is the float64 0.1");
});
