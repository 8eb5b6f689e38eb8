/**
 * OPA's NumberToFloat, FloatToNumber and NumberToInt over Regolith's numbers: a JS
 * number stands for the text `String(n)` prints, an RNumber for its own text.
 */
import t from "tap";
import { RNumber, numberFromText } from "@regolith/rego";
import { zero } from "../../../../../packages/rego/dist/builtins/support/bignum/binary-float.js";
import { floatToNumber, numberToFloat, numberToInt } from "../../../../../packages/rego/dist/builtins/support/bignum/opa-number.js";

t.test("NumberToInt: integer text exactly, other text through the 64-bit float", async (t) => {
  t.equal(numberToInt(numberFromText("18446744073709551617")), 18446744073709551617n, "integer text beyond 64 bits is exact");
  t.equal(numberToInt(numberFromText("1.0")), 1n);
  t.equal(numberToInt(numberFromText("1.5e1")), 15n);
  t.equal(numberToInt(numberFromText("1e30")), 1000000000000000000024696061952n, "1e30 is rounded to 64 bits first");
  t.equal(numberToInt(numberFromText("1.00000000000000000001")), 1n, "a fraction below half an ulp is gone");
  t.equal(numberToInt(numberFromText("1.5")), null);
  t.equal(numberToInt(1e30), 1000000000000000000024696061952n, "a JS 1e30 is the text 1e+30");
  t.equal(numberToInt(-7), -7n);
});

t.test("NumberToFloat keeps the sign of a JSON -0 and reads texts at 64 bits", async (t) => {
  t.equal(numberToFloat(-0).neg, true);
  t.equal(numberToFloat(0).neg, false);
  t.equal(numberToFloat(new RNumber("-0.0")).neg, true);
  t.equal(numberToFloat(0.1).prec, 64);
  t.throws(() => numberToFloat(new RNumber("0x10")), RangeError);
});

t.test("FloatToNumber gives a JS number where the text allows, an RNumber otherwise", async (t) => {
  t.equal(floatToNumber(numberToFloat(0.5)), 0.5);
  t.equal(floatToNumber(numberToFloat(123)), 123);
  const negZero = floatToNumber(zero(true, 64));
  t.ok(negZero instanceof RNumber && negZero.text === "-0", "a negative zero keeps its text -0");
  const third = floatToNumber(numberToFloat(new RNumber("0.33333333333333333334")));
  t.ok(third instanceof RNumber && third.text === "0.33333333333333333334");
  const small = floatToNumber(numberToFloat(new RNumber("1e-7")));
  t.ok(small instanceof RNumber && small.text === "1e-07", "Go's exponent form is kept as text");
});
