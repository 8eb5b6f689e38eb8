/**
 * `check --schema`: refs into `input` (and into parts of `data` a METADATA `schemas`
 * annotation describes) checked against JSON Schemas, as `opa check --schema` does.
 * A ref whose constant keys leave what the schema allows (`input.user.nmae` where
 * `user` has `name`) is a type error, with the keys the schema does allow there.
 *
 * An object schema allows the keys of its `properties`; others only when it has
 * `additionalProperties` that is a schema (the schema of every other key) or
 * `patternProperties`, or names no properties at all (`{"type": "object"}`, which OPA
 * types as any object). `additionalProperties: true` opens nothing, as in OPA. An
 * array allows numbers and variables, and its `items` schema goes on. Where the
 * schema says nothing (no type, `{}`, `true`) anything goes. `$ref`s are followed
 * within a schema and, by `$id`, into the other schemas given. A variable key into an
 * object ends the check of that ref, unless `additionalProperties` gives the schema
 * of every value. Variables bound from input carry its schema: after
 * `some repo in input.repos`, `repo.nmae` is checked too.
 */
import { ErrorCode, RegoError } from "../ast/errors.js";
import type * as A from "../ast/nodes.js";
import { stringKeyText } from "../ast/ref-name.js";
import { schemaScopes } from "./schema-scopes.js";

export type Schema = boolean | { readonly [key: string]: unknown };

/** A schema, and the document its local `$ref`s (`#/$defs/…`) point into. */
export interface At {
  readonly schema: Schema;
  readonly doc: Schema;
  /** Schemas an annotation puts at keys below (`- input.a.b: schema.x`), over what `schema` says. */
  readonly over?: ReadonlyMap<string, At>;
  /** A node made for such a key where the schema had none: it has no keys but those in `over`. */
  readonly closed?: boolean;
}

/** Other schemas a `$ref` may name, by `$id`. */
export type Registry = ReadonlyMap<string, Schema>;

/** What `check --schema` checks against. */
export interface SchemaSet {
  /** The schema of input, when one is given for all rules. */
  readonly input?: unknown;
  /**
   * Schemas by the name METADATA `schemas` annotations use (`schema.user` for
   * `user.json`, `schema.a.b` for `a/b.json`); every one may also be named by a
   * `$ref` with its `$id`.
   */
  readonly named?: ReadonlyMap<string, unknown>;
  /** More schemas `$ref`s may name by `$id` only. */
  readonly others?: readonly unknown[];
}

/**
 * Type errors for the refs into `input` (and into `data` where an annotation gives
 * its schema) that the schemas do not allow. METADATA `schemas` annotations
 * (`- input: schema.user`, `- data.roles: schema.roles`, or a schema written in
 * place) set the schemas of the rules in their scope (schema-scopes.ts), as in
 * `opa check --schema`.
 */
export function schemaRefErrors(modules: readonly A.Module[], schemas: SchemaSet): RegoError[] {
  const out: RegoError[] = [];
  const registry = schemaRegistry(schemas);
  const input = inputAt(schemas);
  const named = schemas.named ?? new Map<string, unknown>();
  const scopesOf = schemaScopes(modules);
  // An annotation applies to many rules; what is wrong with it is reported once.
  const reported = new Set<string>();
  for (const m of modules) {
    const checker = new RefChecker(registry, inputAliases(m), m.source, out);
    for (const rule of m.rules) {
      const found: RegoError[] = [];
      const bindings = schemaBindings(scopesOf(m, rule), named, registry, found, { input, data: [] });
      for (const e of found) {
        const key = `${e.location?.file}:${e.location?.offset}:${e.message}`;
        if (!reported.has(key)) out.push(e);
        reported.add(key);
      }
      for (let r: A.Rule | undefined = rule; r; r = r.else) checker.rule(r, bindings.input, bindings.data);
    }
  }
  return out;
}

/**
 * The schema of input for a rule that the `schemas` of `annotations` (in the order they
 * apply) give over the input schema given for all rules: what the type checker types
 * input by. Their errors (an undefined schema) are schemaRefErrors' to report.
 */
export function annotatedInput(annotations: readonly A.Annotations[], schemas: SchemaSet): At | undefined {
  return schemaBindings(annotations, schemas.named ?? new Map<string, unknown>(), schemaRegistry(schemas), [], { input: inputAt(schemas), data: [] }).input;
}

/** The schema given for all rules' input, where its own `$ref`s point. */
function inputAt(schemas: SchemaSet): At | undefined {
  return schemas.input === undefined ? undefined : { schema: schemas.input as Schema, doc: schemas.input as Schema };
}

/** Every schema given, by its `$id`, for `$ref`s into other schemas. */
export function schemaRegistry(schemas: SchemaSet): Registry {
  const registry = new Map<string, Schema>();
  for (const s of [schemas.input, ...(schemas.named?.values() ?? []), ...(schemas.others ?? [])]) {
    const id = typeof s === "object" && s !== null ? (s as { $id?: unknown }).$id : undefined;
    if (typeof id === "string") registry.set(id.replace(/#$/, ""), s as Schema);
  }
  return registry;
}

interface Bindings {
  input: At | undefined;
  /** Most recent first: a rule's own over its package's. */
  readonly data: { readonly path: readonly string[]; readonly at: At }[];
}

/** `base` (the package's schemas, or the global input schema) with the `schemas` entries of `annotations` over it. */
function schemaBindings(annotations: readonly A.Annotations[], named: ReadonlyMap<string, unknown>, registry: Registry, out: RegoError[], base: Bindings): Bindings {
  const bindings: Bindings = { input: base.input, data: [...base.data] };
  for (const a of annotations) {
    const entries = a.data["schemas"];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (typeof entry !== "object" || entry === null) continue;
      for (const [target, value] of Object.entries(entry as Record<string, unknown>)) {
        let schema: unknown = value;
        if (typeof value === "string") {
          schema = named.get(dottedSchemaRef(value));
          if (schema === undefined) {
            out.push(new RegoError(ErrorCode.TypeError, `undefined schema: ${value}`, a.loc));
            continue;
          }
        }
        const at: At = { schema: schema as Schema, doc: schema as Schema };
        const path = dottedSchemaRef(target).split(".");
        if (path[0] === "input") bindings.input = overrideAt(bindings.input, path.slice(1), at, registry);
        else if (path[0] === "data") bindings.data.unshift({ path: path.slice(1), at });
      }
    }
  }
  return bindings;
}

/**
 * `input` with `schema` put at `path` below it, as OPA's checker overrides a prefix's
 * type: the keys on the way keep what they had beside the new one. Where the schema of
 * input had no such key, the node made for it has that key only (OPA inserts an object
 * type); where input has no schema at all, or says nothing there, other keys stay open.
 */
function overrideAt(base: At | undefined, path: readonly string[], schema: At, registry: Registry): At {
  if (path.length === 0) return schema;
  const [key, ...rest] = path as [string, ...string[]];
  let child = base?.over?.get(key);
  if (child === undefined) {
    const step = base === undefined || base.closed ? undefined : stepInto({ schema: base.schema, doc: base.doc }, key, registry);
    child = step?.kind === "into" ? step.at : { schema: true, doc: true, closed: base?.closed === true || step?.kind === "missing" };
  }
  const over = new Map(base?.over ?? []);
  over.set(key, overrideAt(child, rest, schema, registry));
  return { schema: base?.schema ?? true, doc: base?.doc ?? true, over, ...(base?.closed ? { closed: true } : {}) };
}

/**
 * A schema ref as the name it is kept under: `schema["acl-schema"]` (a file name that
 * is no Rego identifier) is `schema.acl-schema`, as OPA reads the ref.
 */
function dottedSchemaRef(ref: string): string {
  return ref.replace(/\[\s*"((?:[^"\\]|\\.)*)"\s*\]/g, (_, key: string) => `.${JSON.parse(`"${key}"`) as string}`);
}

/** `import input.user as u`: `u` stands for `input.user`. */
function inputAliases(m: A.Module): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const imp of m.imports) {
    if (imp.path.type !== "Ref" || imp.path.head.type !== "Var" || imp.path.head.name !== "input") continue;
    const keys = imp.path.path.map((p) => (p.type === "String" ? p.value : ""));
    out.set(imp.alias ?? keys[keys.length - 1]!, keys);
  }
  return out;
}

/** Where a ref's checking starts: a schema, input keys an alias stands for, how the ref is shown, and how many of its own keys the start already covers. */
interface Start {
  readonly at: At;
  readonly keys: readonly string[];
  readonly shown: string;
  readonly skip: number;
}

/** What the variables of a scope are known to hold: `some repo in input.repos` makes `repo` a repository. */
type Env = Map<string, At>;

/**
 * Walks a rule in evaluation order, so a variable bound from input (by `some … in`,
 * `every … in`, `:=` or `=`) carries its schema to the refs that use it: `repo.visibilty`
 * is checked as `input.repos[_].visibilty` would be.
 */
class RefChecker {
  #input: At | undefined;
  #data: Bindings["data"] = [];
  readonly #registry: Registry;
  readonly #aliases: ReadonlyMap<string, readonly string[]>;
  readonly #source: string;
  readonly #out: RegoError[];

  constructor(registry: Registry, aliases: ReadonlyMap<string, readonly string[]>, source: string, out: RegoError[]) {
    this.#registry = registry;
    this.#aliases = aliases;
    this.#source = source;
    this.#out = out;
  }

  /** Checks one rule (or else) against the schema of input and of parts of data in force for it. */
  rule(r: A.Rule, input: At | undefined, data: Bindings["data"]): void {
    this.#input = input;
    this.#data = data;
    const env: Env = new Map();
    this.#body(r.body, env);
    for (const t of [r.head.key, r.head.value, ...(r.head.args ?? [])]) if (t) this.#term(t, env);
  }

  #body(body: A.Body, env: Env): void {
    for (const e of body) this.#expr(e, env);
  }

  #expr(e: A.Expr, env: Env): void {
    this.#node(e.node, env);
    for (const w of e.with) this.#term(w.value, env);
  }

  #node(n: A.ExprNode, env: Env): void {
    switch (n.type) {
      case "SomeIn":
        this.#term(n.collection, env);
        this.#bindElement(n.value, n.collection, env);
        return;
      case "Every": {
        this.#term(n.domain, env);
        const inner = new Map(env);
        this.#bindElement(n.value, n.domain, inner);
        this.#body(n.body, inner);
        return;
      }
      case "Assign":
      case "Unify":
        this.#term(n.left, env);
        this.#term(n.right, env);
        if (n.type === "Assign") {
          if (n.left.type === "Var") this.#bind(n.left.name, this.#schemaOf(n.right, env), env);
        } else {
          // `x = input.a` binds x as `:=` would (or compares it with an equal value).
          this.#unifyVar(n.left, n.right, env);
          this.#unifyVar(n.right, n.left, env);
        }
        return;
      case "Block":
        this.#body(n.body, new Map(env));
        return;
      case "Logic":
        for (const operand of n.operands) this.#expr(operand, new Map(env));
        return;
      case "SomeDecl":
        return;
      default:
        this.#term(n, env);
    }
  }

  #term(t: A.Term, env: Env): void {
    switch (t.type) {
      case "Ref":
        this.#check(t, env);
        if (t.head.type !== "Var") this.#term(t.head, env);
        for (const p of t.path) this.#term(p, env);
        return;
      case "Call":
        for (const a of t.args) this.#term(a, env);
        return;
      case "Array":
      case "Set":
        for (const x of t.items) this.#term(x, env);
        return;
      case "Object":
        for (const [k, v] of t.entries) {
          this.#term(k, env);
          this.#term(v, env);
        }
        return;
      case "ArrayComprehension":
      case "SetComprehension":
      case "ObjectComprehension": {
        const inner = new Map(env);
        this.#body(t.body, inner);
        if (t.type === "ObjectComprehension") {
          this.#term(t.key, inner);
          this.#term(t.value, inner);
        } else this.#term(t.head, inner);
        return;
      }
      case "TemplateString":
        for (const part of t.parts) if (part.type === "Expr") this.#expr(part, new Map(env));
        return;
      default:
        return;
    }
  }

  #bind(name: string, schema: At | undefined, env: Env): void {
    if (schema === undefined) env.delete(name);
    else env.set(name, schema);
  }

  /** `x = t`: a plain variable equal to t has t's schema, when t's is known and x's is not. */
  #unifyVar(v: A.Term, t: A.Term, env: Env): void {
    if (v.type !== "Var" || v.name === "input" || v.name === "data" || env.has(v.name)) return;
    const schema = this.#schemaOf(t, env);
    if (schema !== undefined) env.set(v.name, schema);
  }

  /** `some x in coll`: `x` holds what coll's items (or an object's values) are. */
  #bindElement(value: A.Term, collection: A.Term, env: Env): void {
    if (value.type !== "Var") return;
    const schema = this.#schemaOf(collection, env);
    const step = schema === undefined ? ANY : stepInto(schema, ANY_KEY, this.#registry);
    this.#bind(value.name, step.kind === "into" ? step.at : undefined, env);
  }

  /** Where a ref's head stands in the schema, and how it is shown: input, an import alias, or a variable bound from input. */
  #start(ref: A.RefTerm, env: Env): Start | undefined {
    if (ref.head.type !== "Var") return undefined;
    const name = ref.head.name;
    const bound = env.get(name);
    if (bound !== undefined) return { at: bound, keys: [], shown: name, skip: 0 };
    if (name === "data") return this.#dataStart(ref);
    if (this.#input === undefined) return undefined;
    if (name === "input") return { at: this.#input, keys: [], shown: "input", skip: 0 };
    const alias = this.#aliases.get(name);
    return alias === undefined ? undefined : { at: this.#input, keys: alias, shown: "input", skip: 0 };
  }

  /** `data.roles.admin` where an annotation gives `data.roles` a schema: checked from there. */
  #dataStart(ref: A.RefTerm): Start | undefined {
    for (const { path, at } of this.#data) {
      if (path.length > ref.path.length) continue;
      if (!path.every((key, i) => ref.path[i]!.type === "String" && (ref.path[i] as A.StringTerm).value === key)) continue;
      return { at, keys: [], shown: ["data", ...path].join("."), skip: path.length };
    }
    return undefined;
  }

  /** The schema of what a term holds, when it is input, a bound variable, or a ref into them. */
  #schemaOf(t: A.Term, env: Env): At | undefined {
    if (t.type === "Var") return t.name === "input" ? this.#input : env.get(t.name);
    return t.type === "Ref" ? this.#walk(t, env, false) : undefined;
  }

  /** Reports a ref whose keys leave what its schema allows. */
  #check(ref: A.RefTerm, env: Env): void {
    this.#walk(ref, env, true);
  }

  /**
   * Follows a ref's keys through its schema: where it ends, or undefined where the
   * schema stops saying (anything goes) or refuses a key (reported when `report`).
   */
  #walk(ref: A.RefTerm, env: Env, report: boolean): At | undefined {
    const start = this.#start(ref, env);
    if (!start) return undefined;
    let at = start.at;
    const keys = [...start.keys, ...ref.path.slice(start.skip)];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const step = stepInto(at, key, this.#registry);
      if (step.kind === "any") return undefined;
      if (step.kind === "missing") {
        if (report) this.#report(ref, start.shown, keys, i, step);
        return undefined;
      }
      at = step.at;
    }
    return at;
  }

  /** How OPA prints a key of a ref: `.name`, `["not a name"]`, or `[x]` for what is not a string. */
  #part(key: A.Term | string): string {
    const name = typeof key === "string" ? key : key.type === "String" ? key.value : undefined;
    return name === undefined ? `[${sourceText(key as A.Term, this.#source)}]` : stringKeyText(name);
  }

  /**
   * OPA's message for an undefined ref: the whole ref, a caret under key `bad`, what
   * it has and what the schema wants.
   */
  #report(ref: A.RefTerm, head: string, keys: readonly (A.Term | string)[], bad: number, step: Extract<Step, { kind: "missing" }>): void {
    const key = keys[bad]!;
    const name = typeof key === "string" ? key : key.type === "String" ? key.value : undefined;
    const have = name ?? sourceText(key as A.Term, this.#source);
    const want = step.allowed.length > 0 ? `\n\twant (one of): [${step.allowed.map((k) => JSON.stringify(k)).join(" ")}]` : `\n\twant: ${step.want}`;
    const before = head + keys.slice(0, bad).map((k) => this.#part(k)).join("");
    const text = before + keys.slice(bad).map((k) => this.#part(k)).join("");
    // The caret goes under the key: past the `.` of a name, the `[` of a variable or number.
    const part = this.#part(key);
    const caret = " ".repeat(before.length + (name === undefined || part.startsWith(".") ? 1 : 0));
    this.#out.push(new RegoError(ErrorCode.TypeError, `undefined ref: ${text}\n\t${text}\n\t${caret}^\n\thave: ${JSON.stringify(have)}${want}`, typeof key === "string" ? ref.loc : key.loc));
  }
}

/** A key standing for any element: what iteration reads. */
const ANY_KEY: A.VarTerm = { type: "Var", name: "$element", loc: { file: "", row: 0, col: 0, offset: 0, endOffset: 0 } };

function sourceText(t: A.Term, source: string): string {
  return source.slice(t.loc.offset, t.loc.endOffset);
}

type Step = { readonly kind: "into"; readonly at: At } | { readonly kind: "any" } | { readonly kind: "missing"; readonly allowed: readonly string[]; readonly want: string };

const ANY: Step = { kind: "any" };

/**
 * Where `key` leads from a schema: a child schema, anywhere (unchecked), or nowhere.
 * The node's own `type`, `properties` and `items` decide first; `allOf` branches can
 * only add keys, and `anyOf` / `oneOf` allow what any branch allows. Branches that
 * say nothing about the shape (`required`, `if`/`then`) neither add nor refuse keys.
 */
function stepInto(at: At, key: A.Term | string, registry: Registry, depth = 0): Step {
  if (at.over !== undefined || at.closed) return stepOverridden(at, key, registry, depth);
  const schema = at.schema;
  if (typeof schema === "boolean" || depth > 32) return ANY;
  const ref = schema["$ref"];
  let own: Step;
  if (typeof ref === "string") {
    const target = resolveRef(ref, at.doc, registry);
    if (target === undefined) return ANY;
    own = stepInto(target, key, registry, depth + 1);
  } else own = stepOwn(at, key);
  if (own.kind === "into") return own;
  const added = branchSteps(at, "allOf", key, registry, depth).find((b) => b.kind === "into");
  if (added) return added;
  const alternatives = [...branchSteps(at, "anyOf", key, registry, depth), ...branchSteps(at, "oneOf", key, registry, depth)];
  if (alternatives.length > 0 && own.kind === "any") {
    const into = alternatives.find((b) => b.kind !== "missing");
    if (into) return into;
    return { kind: "missing", allowed: [...new Set(alternatives.flatMap((b) => (b.kind === "missing" ? b.allowed : [])))].sort(), want: "a key one of the alternatives has" };
  }
  return own;
}

function branchSteps(at: At, combinator: string, key: A.Term | string, registry: Registry, depth: number): Step[] {
  const branches = (at.schema as { readonly [key: string]: unknown })[combinator];
  return Array.isArray(branches) ? branches.map((b) => stepInto({ schema: b as Schema, doc: at.doc }, key, registry, depth + 1)) : [];
}

/** A node with keys an annotation overrides: those first, then what its own schema allows (which lists them too). */
function stepOverridden(at: At, key: A.Term | string, registry: Registry, depth: number): Step {
  const over = at.over ?? new Map<string, At>();
  const name = typeof key === "string" ? key : key.type === "String" ? key.value : undefined;
  const replaced = name === undefined ? undefined : over.get(name);
  if (replaced !== undefined) return { kind: "into", at: replaced };
  const variable = typeof key !== "string" && key.type !== "String" && key.type !== "Number";
  if (at.closed) return variable ? ANY : { kind: "missing", allowed: [...over.keys()].sort(), want: "object key" };
  const own = stepInto({ schema: at.schema, doc: at.doc }, key, registry, depth);
  return own.kind === "missing" ? { ...own, allowed: [...new Set([...own.allowed, ...over.keys()])].sort() } : own;
}

/** The step the node's own `type`, `properties`, `additionalProperties` and `items` allow. */
function stepOwn(at: At, key: A.Term | string): Step {
  const schema = at.schema as { readonly [key: string]: unknown };
  const into = (child: Schema): Step => ({ kind: "into", at: { schema: child, doc: at.doc } });
  const types = typesOf(schema);
  const stringKey = typeof key === "string" ? key : key.type === "String" ? key.value : undefined;
  const variable = typeof key !== "string" && key.type !== "String" && key.type !== "Number";
  if (types.has("object")) {
    const properties = (schema["properties"] ?? {}) as Record<string, Schema>;
    if (stringKey !== undefined && Object.hasOwn(properties, stringKey)) return into(properties[stringKey]!);
    const additional = schema["additionalProperties"] as Schema | undefined;
    if (typeof additional === "object") return into(additional);
    // An object schema that names no properties allows every key, as OPA types it; one
    // that names some allows only those, `additionalProperties: true` or not (OPA's
    // schema types ignore it, and its own tests refuse `input.user` under such a schema).
    const namesNone = Object.keys(properties).length === 0;
    if (namesNone || schema["patternProperties"] !== undefined || variable || types.size > 1) return ANY;
    return { kind: "missing", allowed: Object.keys(properties).sort(), want: "object key" };
  }
  if (types.has("array")) {
    if (stringKey !== undefined && types.size === 1) return { kind: "missing", allowed: [], want: "number (an array index)" };
    const items = schema["items"] as Schema | undefined;
    return items === undefined || Array.isArray(items) ? ANY : into(items);
  }
  if (types.size > 0 && !types.has("any")) return { kind: "missing", allowed: [], want: `a key of an object or array, not of a ${[...types].join(" or ")}` };
  return ANY;
}

/** The schema's types; `properties` alone implies an object, `items` an array. */
function typesOf(schema: { readonly [key: string]: unknown }): Set<string> {
  const t = schema["type"];
  if (typeof t === "string") return new Set([t === "integer" ? "number" : t]);
  if (Array.isArray(t)) return new Set(t.map((x) => (x === "integer" ? "number" : String(x))));
  if (schema["properties"] !== undefined) return new Set(["object"]);
  if (schema["items"] !== undefined) return new Set(["array"]);
  return new Set(["any"]);
}

/**
 * A `$ref`: into the same document (`#/$defs/user`), or into another schema given
 * to the check, by its `$id` (`https://example.com/user.json#/$defs/name`). Anything
 * else is not followed (the ref goes unchecked).
 */
export function resolveRef(ref: string, doc: Schema, registry: Registry): At | undefined {
  const hash = ref.indexOf("#");
  const base = hash < 0 ? ref : ref.slice(0, hash);
  const target = base === "" ? doc : registry.get(base);
  if (target === undefined) return undefined;
  let node: unknown = target;
  for (const raw of (hash < 0 ? "" : ref.slice(hash + 1)).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "object" || typeof node === "boolean" ? { schema: node as Schema, doc: target } : undefined;
}
