/**
 * Structural hashes and the maps keyed by them: equal values hash alike whatever
 * their representation or key order, and maps keyed by composites find and replace by
 * Rego equality, colliding hashes included.
 */
import t from "tap";
import { ObjectBuilder, RSet, numberFromText, type Value } from "@regolith/rego";
import { hashValue } from "../../../packages/rego/dist/ast/value-hash.js";
import { ValueMap } from "../../../packages/rego/dist/ast/value.js";

const long = "remediation text ".repeat(40);

t.test("equal values hash alike", async (t) => {
  const pairs: [Value, Value][] = [
    [1, numberFromText("1.0")],
    [[1, "a"], [numberFromText("1.00"), "a"]],
    [0.5, numberFromText("0.50")],
    [{ a: 1, b: [2, 3] }, { b: [2, 3], a: 1 }],
    [new RSet([1, 2, { x: 1 }]), new RSet([{ x: 1 }, 2, 1])],
    [{ text: long }, { text: (" " + long).slice(1) }],
  ];
  for (const [a, b] of pairs) t.equal(hashValue(a), hashValue(b), JSON.stringify(a));
});

t.test("different values hash apart (no systematic collisions)", async (t) => {
  const shapes = (i: number): Value[] => [i, String(i), [i], { i }, new RSet([i]), [i, i + 1], { x: i, y: i + 1 }, { x: i + 1, y: i }];
  const seen = new Set<number>();
  let values = 0;
  for (let i = 0; i < 5000; i++) for (const v of shapes(i)) (seen.add(hashValue(v)), values++);
  // 40,000 values in a 30-bit space: a handful of birthday collisions at most.
  t.ok(values - seen.size < 10, `${values - seen.size} collisions`);
  t.not(hashValue([]), hashValue({}), "[] and {} differ");
  t.not(hashValue({}), hashValue(new RSet()), "{} and the empty set differ");
  t.not(hashValue(["a", "b"]), hashValue(["b", "a"]), "array order counts");
});

t.test("a composite-keyed map finds and replaces by equality", async (t) => {
  const m = new ValueMap<string>();
  t.ok(m.setIfAbsent({ a: [1] }, "first"));
  t.notOk(m.setIfAbsent({ a: [numberFromText("1.0")] }, "again"), "an equal key is present");
  m.set([1, 2], "pair");
  m.set("k", "string");
  m.set([1, 2], "pair, replaced");
  t.equal(m.size, 3);
  t.equal(m.get({ a: [1] }), "first");
  t.equal(m.get([1, 2]), "pair, replaced");
  t.same([...m.values()], ["string", "first", "pair, replaced"], "scalars first, then composites in insertion order");
  t.equal(m.get({ a: [2] }), undefined, "an unequal key is absent");
});

/** Two different arrays with the same hash. */
function collidingPair(): [Value, Value] | undefined {
  const byHash = new Map<number, Value>();
  for (let i = 0; i < 200_000; i++) {
    const v = [i, "x"];
    const other = byHash.get(hashValue(v));
    if (other) return [other, v];
    byHash.set(hashValue(v), v);
  }
  return undefined;
}

t.test("colliding composites stay apart, in a small map (scanned) and a large one (bucketed)", async (t) => {
  const pair = collidingPair();
  t.ok(pair, "a collision exists among 200,000 arrays");
  const [a, b] = pair!;
  for (const before of [0, 20]) {
    const m = new ValueMap<string>();
    for (let i = 0; i < before; i++) m.set({ filler: i }, `filler ${i}`);
    m.set(a, "a");
    m.set(b, "b");
    t.equal(m.size, before + 2);
    t.equal(m.get(a), "a");
    t.equal(m.get(b), "b");
    m.set(a, "a, replaced");
    t.same([...m.values()].slice(before), ["a, replaced", "b"], `replacing one leaves the other (${before} entries before)`);
  }
});

t.test("a map that grows past the scanned size keeps every entry findable, before and after", async (t) => {
  const m = new ValueMap<number>();
  const keys: Value[] = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? [i] : { k: i }));
  keys.forEach((k, i) => {
    t.ok(m.setIfAbsent(k, i), `key ${i} is new`);
    for (let j = 0; j <= i; j++) if (m.get(keys[j]!) !== j) t.fail(`key ${j} lost after inserting ${i}`);
    t.notOk(m.setIfAbsent(structuredClone(k), -1), `an equal copy of key ${i} is present`);
  });
  t.equal(m.size, 40);
  t.same([...m.values()], keys.map((_, i) => i), "insertion order");
  t.equal(m.get([1]), undefined);
});

t.test("a set's unordered view holds every element once, in insertion order", async (t) => {
  const s = new RSet();
  for (const v of [{ z: 1 }, "b", { a: 1 }, { z: 1 }, "a"] as Value[]) s.add(v);
  t.same([...s.unordered()], ["b", "a", { z: 1 }, { a: 1 }]);
  t.same([...s], ["a", "b", { a: 1 }, { z: 1 }], "iteration stays in Rego order");
  const o = new ObjectBuilder();
  o.set([1], "x");
  o.set([1], "y");
  t.equal((o.build() as { size: number }).size, 1, "object keys by equality too");
});
