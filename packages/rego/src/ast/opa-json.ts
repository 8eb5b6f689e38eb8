/**
 * The AST in OPA's JSON form (what `rego.parse_module` and `opa parse --format json`
 * return): terms as `{"type", "value"}`, expressions as `{"index", "terms"}`, rules
 * as `{"head", "body"}`. Locations are left out, as OPA leaves them out by default.
 */
import type * as A from "./nodes.js";
import type { Value } from "./value.js";

type J = Value;

const INFIX_OPERATORS: Readonly<Record<string, string>> = { Unify: "eq", Assign: "assign" };

function varTerm(name: string): J {
  return { type: "var", value: name };
}

function refTerm(parts: J[]): J {
  return { type: "ref", value: parts };
}

/** `internal.member_2` as OPA writes an operator: a ref of a var and strings. */
function operatorRef(op: A.VarTerm | A.RefTerm): J {
  if (op.type === "Var") return refTerm([varTerm(op.name)]);
  return refTerm([term(op.head), ...op.path.map(term)]);
}

export function term(t: A.Term): J {
  switch (t.type) {
    case "Null":
      return { type: "null" };
    case "Boolean":
      return { type: "boolean", value: t.value };
    case "Number":
      return { type: "number", value: t.value };
    case "String":
      return { type: "string", value: t.value };
    case "Var":
      return varTerm(t.name);
    case "Ref":
      return refTerm([term(t.head), ...t.path.map(term)]);
    case "Array":
      return { type: "array", value: t.items.map(term) };
    case "Set":
      return { type: "set", value: t.items.map(term) };
    case "Object":
      return { type: "object", value: t.entries.map(([k, v]) => [term(k), term(v)]) };
    case "ArrayComprehension":
      return { type: "arraycomprehension", value: { term: term(t.head), body: body(t.body) } };
    case "SetComprehension":
      return { type: "setcomprehension", value: { term: term(t.head), body: body(t.body) } };
    case "ObjectComprehension":
      return { type: "objectcomprehension", value: { key: term(t.key), value: term(t.value), body: body(t.body) } };
    case "Call":
      return { type: "call", value: [operatorRef(t.operator), ...t.args.map(term)] };
    case "TemplateString":
      return {
        type: "templatestring",
        value: t.parts.map((p) => (p.type === "String" ? term(p) : expr(p, 0))),
      };
  }
}

function exprTerms(n: A.ExprNode): J {
  switch (n.type) {
    case "Unify":
    case "Assign":
      return [refTerm([varTerm(INFIX_OPERATORS[n.type]!)]), term(n.left), term(n.right)];
    case "Call":
      return [operatorRef(n.operator), ...n.args.map(term)];
    case "SomeDecl":
      return { symbols: n.vars.map(term) };
    case "SomeIn": {
      const args = n.key ? [n.key, n.value, n.collection] : [n.value, n.collection];
      const op = n.key ? "member_3" : "member_2";
      const call = { type: "call", value: [refTerm([varTerm("internal"), { type: "string", value: op }]), ...args.map(term)] };
      return { symbols: [call] };
    }
    case "Every":
      return { ...(n.key ? { key: term(n.key) } : {}), value: term(n.value), domain: term(n.domain), body: body(n.body) };
    case "Block":
      return { body: body(n.body) };
    case "Logic":
      return { op: n.op, operands: n.operands.map((o, i) => expr(o, i)) };
    default:
      return term(n);
  }
}

function expr(e: A.Expr, index: number): J {
  const out: Record<string, J> = { index, terms: exprTerms(e.node) };
  if (e.negated) out["negated"] = true;
  if (e.with.length > 0) out["with"] = e.with.map((w) => ({ target: term(w.target), value: term(w.value) }));
  return out;
}

function body(b: A.Body): J {
  return b.map(expr);
}

function head(h: A.RuleHead): J {
  const ref = term(h.ref) as { value: J[] };
  const out: Record<string, J> = {};
  const name = h.ref.head.type === "Var" && h.ref.path.length === 0 ? h.ref.head.name : undefined;
  if (name !== undefined) out["name"] = name;
  out["ref"] = ref.value;
  if (h.args) out["args"] = h.args.map(term);
  if (h.key) out["key"] = term(h.key);
  out["value"] = h.value ? term(h.value) : { type: "boolean", value: true };
  if (h.assign) out["assign"] = true;
  return out;
}

function rule(r: A.Rule): J {
  const out: Record<string, J> = {};
  if (r.default) out["default"] = true;
  out["head"] = head(r.head);
  out["body"] = r.body.length > 0 ? body(r.body) : [{ index: 0, terms: { type: "boolean", value: true } }];
  if (r.else) out["else"] = rule(r.else);
  return out;
}

export function moduleJSON(m: A.Module): Value {
  const out: Record<string, J> = { package: { path: [term(m.package.path.head), ...m.package.path.path.map(term)] } };
  if (m.imports.length > 0) {
    out["imports"] = m.imports.map((i) => (i.alias ? { path: term(i.path), alias: i.alias } : { path: term(i.path) }));
  }
  if (m.rules.length > 0) out["rules"] = m.rules.map(rule);
  return out;
}
