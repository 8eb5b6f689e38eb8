/** The parameter overlay merge: objects key by key, the overlay's scalars and lists win. */
import t from "tap";
import { deepMerge } from "@regolith/gate";

t.test("objects merge recursively; scalars, arrays and null replace", async (t) => {
  const base = { a: { b: 1, c: [1, 2], d: { e: "x" } }, f: true, g: [9] };
  const overlay = { a: { c: [3], d: { h: null } }, g: null, i: "new" };
  t.same(deepMerge(base, overlay), { a: { b: 1, c: [3], d: { e: "x", h: null } }, f: true, g: null, i: "new" });
  t.same(base, { a: { b: 1, c: [1, 2], d: { e: "x" } }, f: true, g: [9] }, "the base is not modified");
});

t.test("an object replaces a scalar and a scalar replaces an object", async (t) => {
  t.same(deepMerge({ a: 1 }, { a: { b: 2 } }), { a: { b: 2 } });
  t.same(deepMerge({ a: { b: 2 } }, { a: 1 }), { a: 1 });
});
