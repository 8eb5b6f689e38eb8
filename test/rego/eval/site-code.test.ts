/**
 * Generated code for terms read in place (eval/site-code.ts) reads and builds exactly
 * what the interpreter does: the same value or the same undefined, whatever the value
 * at each step (arrays, sets, objects with non-string keys, null-prototype objects) and
 * whatever the key (inherited names such as `constructor` and `__proto__` included).
 */
import t from "tap";
import { Engine, ObjectBuilder, RObject, RSet, type Value } from "@regolith/rego";
import { lookup } from "../../../packages/rego/dist/eval/navigation.js";
import { objectCode, refCode } from "../../../packages/rego/dist/eval/site-code.js";
import type * as P from "../../../packages/rego/dist/compile/plan.js";

const loc = { file: "", row: 1, col: 1, offset: 0, endOffset: 0 };
const memo = () => ({ runs: 0, code: undefined });
const local = (slot: number): P.PLocal => ({ k: "local", slot, name: `x${slot}`, loc });
const constant = (v: Value): P.PConst => ({ k: "const", v, loc });
const ref = (head: P.PTerm, ...path: P.PTerm[]): P.PRef => ({ k: "ref", head, path, loc, memo: memo() });

/** What the interpreter reads: lookup, step by step. */
function interpreted(t: P.PRef, f: (Value | undefined)[], input: Value | undefined): Value | undefined {
  let v = t.head.k === "local" ? f[t.head.slot] : input;
  for (const p of t.path) {
    if (v === undefined) return undefined;
    v = lookup(v, p.k === "const" ? p.v : f[(p as P.PLocal).slot]!);
  }
  return v;
}

const nullProto = Object.assign(Object.create(null) as Record<string, Value>, { a: 1, constructor: "own" });
const robj = new RObject();
robj.set("a", "string key");
robj.set(1, "number key");
const values: Value[] = [
  { a: { b: [10, 20, { c: "deep" }] }, constructor: "own constructor", toString: "own", "": "empty key", "a b": "spaced", 'q"uote': "quoted" },
  { a: null, b: false, c: 0 },
  {},
  [1, [2, 3], { a: "in array" }],
  new RSet(["a", 1, "constructor"]),
  robj,
  nullProto as Value,
  "a string",
  42,
  null,
  true,
];
const keys: Value[] = ["a", "b", "c", "constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "", "a b", 'q"uote', 0, 1, 2, 1.5, -1, null, true, ["a"]];

t.test("a generated reader agrees with lookup, step by step, for every value and key", async (t) => {
  // Every disagreement is listed in one assertion (there are some 4,400 reads).
  const mismatches: string[] = [];
  let compared = 0;
  let defined = 0;
  const compare = (what: string, got: Value | undefined, want: Value | undefined) => {
    compared++;
    if (want !== undefined) defined++;
    if (got !== want) mismatches.push(`${what}: generated ${JSON.stringify(got)}, lookup ${JSON.stringify(want)}`);
  };
  for (const root of values) {
    for (const k1 of keys) {
      // A variable key: x[k].
      const variable = ref(local(0), local(1));
      const f: (Value | undefined)[] = [root, k1];
      compare(`x[k] with k = ${JSON.stringify(k1)} in ${JSON.stringify(root)}`, refCode(variable)!(f, undefined), interpreted(variable, f, undefined));
      // Constant steps from input: one, or two.
      for (const second of [undefined, ...keys]) {
        const path: P.PTerm[] = [constant(k1)];
        if (second !== undefined) path.push(constant(second));
        const fromInput = ref({ k: "input", loc }, ...path);
        compare(`input[${JSON.stringify(k1)}]${second === undefined ? "" : `[${JSON.stringify(second)}]`} of ${JSON.stringify(root)}`, refCode(fromInput)!([], root), interpreted(fromInput, [], root));
      }
    }
  }
  t.same(mismatches, [], `${compared} reads compared`);
  t.ok(defined > 30, `reads that find a value are among them (${defined} of ${compared})`);
});

t.test("a generated reader never reads what an object inherits", async (t) => {
  const plain: Value = { a: 1 };
  for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "isPrototypeOf"]) {
    t.equal(refCode(ref({ k: "input", loc }, constant(name)))!([], plain), undefined, `input.${name}`);
    t.equal(refCode(ref(local(0), local(1)))!([plain, name], undefined), undefined, `x[${JSON.stringify(name)}]`);
  }
});

t.test("a generated literal builds the object ObjectBuilder builds; keys it cannot take are left to the interpreter", async (t) => {
  const literal = (...names: Value[]): P.PObject => {
    const ks = names.map(constant);
    const vs = names.map((_, i) => local(i));
    return { k: "object", keys: ks, values: vs, items: [...ks, ...vs], loc, memo: memo() };
  };
  const names = ["resource", "message", "constructor", "", 'a"b', "toString"];
  const code = objectCode(literal(...names));
  t.ok(code);
  const vals: Value[] = ["r", "m", { nested: true }, [], null, 1];
  const b = new ObjectBuilder();
  names.forEach((n, i) => b.set(n, vals[i]!));
  const built = code!(vals);
  t.same(built, b.build());
  t.equal(Object.getPrototypeOf(built), Object.prototype);
  t.ok(Object.hasOwn(built as object, "constructor"), "an own constructor key");
  t.equal(objectCode(literal("__proto__", "a")), null, "__proto__ would set the prototype");
  t.equal(objectCode(literal("a", "a")), null, "a repeated key (a conflict to report)");
  t.equal(objectCode(literal("a", 1)), null, "a non-string key (an RObject)");
});

t.test("the engine gives the same results with generated code at once, after a while, or never", async (t) => {
  const policy = `package p

items := input.items

names contains item.name if {
	some item in input.items
	item.kind == "job"
}

labels contains label if {
	some item in items
	label := {"name": item.name, "kind": item.kind, "constructor": item.constructor}
}

second contains x if {
	some item in input.items
	x := item.tags[1]
}

inherited contains item.name if {
	some item in input.items
	item.toString
}
`;
  const input: Value = {
    items: Array.from({ length: 200 }, (_, i) => ({
      name: `n${i}`,
      kind: i % 3 === 0 ? "job" : "step",
      ...(i % 5 === 0 ? { constructor: `c${i}` } : {}),
      ...(i % 7 === 0 ? { toString: true } : {}),
      tags: i % 2 === 0 ? ["a", `t${i}`] : { 1: "object with key 1" },
    })),
  };
  const run = (jitAfter: number) => {
    const engine = new Engine({ jitAfter }).addModule("p.rego", policy);
    return engine.prepare("data.p").evaluate({ input });
  };
  const never = run(Infinity);
  t.notOk(never.error);
  for (const jitAfter of [0, 10]) {
    const r = run(jitAfter);
    t.notOk(r.error);
    t.same(r.results, never.results, `jitAfter ${jitAfter}`);
  }
  const doc = never.results[0]!.expressions[0]!.value as Record<string, Value[]>;
  t.equal(doc["names"]!.length, 67);
  t.equal(doc["second"]!.length, 100, "an object's key 1 is not an array's index 1");
  t.equal(doc["inherited"]!.length, 29, "only own toString properties");
});

t.test("where the host forbids generating code, terms stay interpreted and the results are the same", async (t) => {
  const { execFileSync } = await import("node:child_process");
  const { pathToFileURL } = await import("node:url");
  const { join } = await import("node:path");
  const index = pathToFileURL(join(import.meta.dirname, "../../../packages/rego/dist/index.js")).href;
  const script = `
    const { Engine } = await import(${JSON.stringify(index)});
    const policy = "package p\\nx := input.a.b\\ny := {\\"k\\": input.a, \\"n\\": count(input.list)}\\nz contains v if { some v in input.list; v > 1 }\\n";
    const input = { a: { b: 1 }, list: [1, 2, 3] };
    const run = (jitAfter) => JSON.stringify(new Engine({ jitAfter }).addModule("p.rego", policy).prepare("data.p").evaluate({ input }).results);
    process.stdout.write(JSON.stringify([run(0), run(Infinity)]));
  `;
  const out = execFileSync(process.execPath, ["--disallow-code-generation-from-strings", "--input-type=module", "-e", script], { encoding: "utf8" });
  const [generated, interpreted] = JSON.parse(out) as [string, string];
  t.equal(generated, interpreted);
  t.match(JSON.parse(generated), [{ expressions: [{ value: { x: 1, y: { k: { b: 1 }, n: 3 }, z: [2, 3] } }] }]);
});
