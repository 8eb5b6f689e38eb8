/**
 * The checks `opa check --strict` adds to compiling: things that are legal Rego but
 * almost always a mistake, reported as compile errors.
 *
 * - an import whose name no rule uses (`import data.lib.old`);
 * - a variable assigned with `:=` that nothing reads afterwards (one declared with
 *   `some` and never read is an error in any mode: declared-vars.ts);
 * - a function argument its body and value never read (`f(x) := 1`; `_` is for that).
 *
 * They work on the parsed modules, so they run whether or not compiling succeeds.
 */
import { ErrorCode, RegoError } from "../ast/errors.js";
import type * as A from "../ast/nodes.js";
import { dottedName } from "../ast/ref-name.js";
import { varNameCounts, visitNodes } from "../ast/walk.js";

/** Strict-mode errors of each module, in source order. */
export function strictErrors(modules: readonly A.Module[]): RegoError[] {
  const out: RegoError[] = [];
  for (const m of modules) {
    unusedImports(m, out);
    for (const rule of m.rules) {
      unusedArguments(rule, out);
      for (let r: A.Rule | undefined = rule; r; r = r.else) unusedDeclarations(r, out);
    }
  }
  return out;
}

/** The name an import binds in its module (`import data.a.b` binds `b`), or undefined for keyword imports. */
function importName(imp: A.Import): string | undefined {
  const path = dottedName(imp.path).split(".");
  if (path[0] === "future" || path[0] === "rego") return undefined;
  return imp.alias ?? path[path.length - 1];
}

function unusedImports(m: A.Module, out: RegoError[]): void {
  const used = new Set<string>();
  for (const rule of m.rules) {
    // A function's arguments shadow imports of their name in the whole function.
    const args = new Set((rule.head.args ?? []).flatMap((a) => (a.type === "Var" ? [a.name] : [])));
    collectVars(rule, (v) => {
      if (!args.has(v.name)) used.add(v.name);
    });
  }
  // Two imports of one name are a compile error already (they shadow each other).
  for (const imp of m.imports) {
    const name = importName(imp);
    if (name !== undefined && !used.has(name)) out.push(new RegoError(ErrorCode.CompileError, `import ${dottedName(imp.path)}${imp.alias === undefined ? "" : ` as ${imp.alias}`} unused`, imp.loc));
  }
}

/**
 * A variable assigned in a rule that no other occurrence in the rule reads. Names are
 * matched across the whole rule, closures included, so a variable used only inside a
 * comprehension counts as used (and shadowing can hide an unused one: never a false
 * report).
 */
function unusedDeclarations(rule: A.Rule, out: RegoError[]): void {
  // Comprehensions in the head (`p := [1 | x := 2]`) assign too.
  const assigned = [...assignedVars(rule.head), ...assignedVars(rule.body)];
  if (assigned.length === 0) return;
  const counts = varNameCounts(rule.head, rule.body);
  for (const v of assigned) {
    if (v.name.startsWith("$")) continue;
    // The assignment itself is one occurrence.
    if ((counts.get(v.name) ?? 0) <= 1) out.push(new RegoError(ErrorCode.CompileError, `assigned var ${v.name} unused`, v.loc));
  }
}

/**
 * A function argument (a plain variable) that no part of the function reads: not its
 * value, its body, nor any `else` (which shares the arguments).
 */
function unusedArguments(rule: A.Rule, out: RegoError[]): void {
  const args = (rule.head.args ?? []).filter((a): a is A.VarTerm => a.type === "Var" && !a.name.startsWith("$"));
  if (args.length === 0) return;
  const reads = new Set<string>();
  for (let r: A.Rule | undefined = rule; r; r = r.else) {
    collectVars(r.body, (v) => reads.add(v.name));
    if (r.head.value) collectVars(r.head.value, (v) => reads.add(v.name));
  }
  // An argument that repeats (`f(x, x)`) is read by the repetition: it compares them.
  const seen = new Set<string>();
  for (const a of args) {
    if (seen.has(a.name)) reads.add(a.name);
    seen.add(a.name);
  }
  for (const a of args) {
    if (!reads.has(a.name)) out.push(new RegoError(ErrorCode.CompileError, `unused argument ${a.name}. (hint: use _ (wildcard variable) instead)`, a.loc));
  }
}

/** The variables `x := …` assigns, at any depth of a body or head (comprehensions and `every` included). */
function assignedVars(root: A.Body | A.RuleHead): A.VarTerm[] {
  const out: A.VarTerm[] = [];
  visitNodes(root, (node) => {
    if (node.type === "Assign") collectVars((node as A.Assign).left, (v) => out.push(v));
  });
  return out;
}

/** Every variable occurrence under `root`. */
function collectVars(root: unknown, visit: (v: A.VarTerm) => void): void {
  visitNodes(root, (node) => {
    if (node.type === "Var") visit(node as A.VarTerm);
  });
}
