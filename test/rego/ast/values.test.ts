/** The value model: OPA's total order, exact numbers, Go-compatible JSON. */
import t from "tap";
import { ObjectBuilder, RNumber, RObject, RSet, compareValues, equalValues, numberFromText, parseJSON, stringifyValue, canonical, type Value } from "@regolith/rego";

function makeObject(entries: [Value, Value][]): RObject {
  const b = new ObjectBuilder();
  for (const [k, v] of entries) b.set(k, v);
  return b.build() as RObject;
}

t.test("type order: null < boolean < number < string < array < object < set", async (t) => {
  const ordered = [null, false, true, -1, 2.5, "a", [1], { a: 1 }, new RSet([1])];
  for (let i = 0; i + 1 < ordered.length; i++) t.equal(compareValues(ordered[i]!, ordered[i + 1]!), -1, `${i} < ${i + 1}`);
});

t.test("strings compare by code point, not UTF-16 unit", async (t) => {
  t.equal(compareValues("\uffff", "\u{10000}"), -1, "U+FFFF sorts before U+10000");
  t.equal(compareValues("b", "ab"), 1);
});

t.test("numbers are exact beyond 2^53 and 1 equals 1.0", async (t) => {
  const big = numberFromText("18446744073709551617");
  t.ok(big instanceof RNumber);
  t.equal(compareValues(big, numberFromText("18446744073709551616")), 1);
  t.ok(equalValues(1, numberFromText("1.0")));
  t.equal(canonical(1), canonical(numberFromText("1.0")), "equal numbers hash alike");
  t.equal(stringifyValue(parseJSON('{"n": 12345678901234567890}')), '{"n":12345678901234567890}');
});

t.test("sets and objects compare structurally", async (t) => {
  t.ok(equalValues(new RSet([1, 2]), new RSet([2, 1])));
  t.ok(equalValues({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
  t.notOk(equalValues({ a: 1 }, { a: 1, b: 2 }));
  t.ok(new RSet([[1], [1]]).size === 1, "composite elements deduplicate");
  t.equal(makeObject([[1, "x"], ["1", "y"]]).size, 2, "the number 1 and the string 1 are different keys");
});

t.test("JSON output as Go writes it", async (t) => {
  t.equal(stringifyValue({ b: 1, a: "<&>" }), '{"a":"\\u003c\\u0026\\u003e","b":1}', "sorted keys, HTML-safe");
  t.equal(stringifyValue(new RSet(["b", "a"])), '["a","b"]', "sets as sorted arrays");
  t.equal(stringifyValue([1, { x: null }], "  "), '[\n  1,\n  {\n    "x": null\n  }\n]');
  t.equal(stringifyValue(0.1 + 0.2), "0.30000000000000004");
  t.equal(stringifyValue(1e21), "1000000000000000000000", "integers print in full");
  t.equal(stringifyValue(1e-7), "1e-07", "Go's exponent form");
});
