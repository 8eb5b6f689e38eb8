/**
 * JavaScript generated for the hottest terms read in place: refs from a variable or
 * `input` (`job.environment`, `input.github[d]`), and object literals with constant
 * keys (`{"resource": uri, "message": msg}`).
 *
 * Why: in the interpreter every property read goes through one `o[k]` in `lookup`, and
 * every literal through one `ObjectBuilder`. Those sites see every shape of object the
 * documents hold, so V8 treats them as megamorphic and takes its slowest paths. A
 * function generated per ref or literal has inline caches of its own, which see the
 * few shapes that one place in the policy meets, and a literal is built as a literal.
 * On the gate's benchmark this took about 8% off the evaluation.
 *
 * The generated code does what `lookup` and `ObjectBuilder` do, and defers to `lookup`
 * wherever the value is not a plain object or the key could name something the object
 * inherits. Keys reach the code only through `JSON.stringify`. Where the host forbids
 * generating code, terms stay interpreted.
 */
import type { Value } from "../ast/value.js";
import type * as P from "../compile/plan.js";
import { lookup } from "./navigation.js";

/**
 * Names an ordinary object inherits (`constructor`, `toString`, `__proto__`, …): reading
 * one of these is left to `lookup`, which reads own properties only. Every other key
 * read from a plain object (its constructor is `Object`) is its own property or absent.
 */
const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * `new Function(…)`, or null where the host forbids generating code from strings
 * (`node --disallow-code-generation-from-strings`, a CSP): the term then stays
 * interpreted, which gives the same results.
 */
function generate(params: readonly string[], body: string, args: readonly unknown[]): unknown {
  try {
    return new Function(...params, body)(...args);
  } catch (e) {
    if (e instanceof EvalError) return null;
    throw e;
  }
}

/** A reader for `t`, whose head is a local or `input` (data refs are read elsewhere); null when code cannot be generated here. */
export function refCode(t: P.PRef): P.RefCode | null {
  const head = t.head.k === "local" ? `f[${t.head.slot}]` : "input";
  const consts: Value[] = [];
  const steps = t.path.map((p) => {
    if (p.k === "const" && typeof p.v === "string" && !INHERITED.has(p.v)) {
      const key = JSON.stringify(p.v);
      return `v = v.constructor === Object ? v[${key}] : lookup(v, ${key});`;
    }
    if (p.k === "const") {
      consts.push(p.v);
      return `v = lookup(v, consts[${consts.length - 1}]);`;
    }
    // A variable key (bound: the caller checked the ref is readable in place).
    return `{ const k = f[${(p as P.PLocal).slot}]; v = typeof k === "string" && v.constructor === Object && !INHERITED.has(k) ? v[k] : lookup(v, k); }`;
  });
  const body = [`let v = ${head};`, ...steps.map((step) => `if (typeof v !== "object" || v === null) return undefined;\n${step}`), "return v;"].join("\n");
  return generate(["lookup", "consts", "INHERITED"], `return function readRef(f, input) {\n${body}\n};`, [lookup, consts, INHERITED]) as P.RefCode | null;
}

/**
 * A constructor for the literal `t` when its keys are distinct constant strings (no
 * `__proto__`, which a literal would take as the prototype) and code can be generated
 * here; null otherwise.
 */
export function objectCode(t: P.PObject): P.ObjectCode | null {
  const keys: string[] = [];
  for (const k of t.keys) {
    if (k.k !== "const" || typeof k.v !== "string" || k.v === "__proto__" || keys.includes(k.v)) return null;
    keys.push(k.v);
  }
  const entries = keys.map((k, i) => `${JSON.stringify(k)}: values[${i}]`).join(", ");
  return generate([], `return function buildObject(values) {\nreturn { ${entries} };\n};`, []) as P.ObjectCode | null;
}
