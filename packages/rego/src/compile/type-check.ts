/**
 * Type checking of one body (OPA's check.go): the types of local variables are
 * inferred from what binds them (literals, builtin and function results, refs into
 * values of known type, comprehensions), and refused are a call whose argument cannot
 * have the declared type (`count(5)`: `count: invalid argument(s)`), a unification
 * that can never hold (`[a, b] := "x"`, or `1 == "a"`: `match error`), and a ref into
 * a value without such an element (`x := 1; x.y`: `undefined ref`). The types of
 * rules and functions come from a TypeWorld (rule-types.ts); messages from
 * type-errors.ts.
 *
 * It is never stricter than OPA. Where OPA knows more it may know less, and then it
 * accepts: `input` and base data have every type here (unless a schema gives input
 * one). The body of `every` is checked as far as OPA's checker reaches into it: refs
 * and comprehensions, not calls. As in OPA, a function's parameter
 * takes the type of the first builtin argument it is passed as, so
 * `f(x) if { upper(x); abs(x) }` is refused.
 *
 * Bodies are checked after the safety stage reordered them, in evaluation order, as
 * OPA checks them after its own reordering.
 */
import { compareValues } from "../ast/compare.js";
import type { Location } from "../ast/location.js";
import { isNumber } from "../ast/number.js";
import { isArray, isObject, objectSome, RSet, type Value } from "../ast/value.js";
import type { Builtin } from "../builtins/types.js";
import type * as P from "./plan.js";
import {
  ANY,
  STRING,
  arrayType,
  fromSpec,
  isKnown,
  keys,
  objectType,
  or,
  select,
  setType,
  typeOfValue,
  unifies,
  values,
  type MaybeType,
  type ObjectType,
  type StaticProperty,
  type Type,
} from "./static-types.js";
import { arityMismatch, invalidArguments, matchError, refBadKey, refBadKeyType, refToFunction, refUnsupported, type NamedType } from "./type-errors.js";

/**
 * What a body's checker asks of the rest of the policy: the types of rules (refs
 * under `data`) and of user functions. Without one, both have every type.
 */
export interface TypeWorld {
  /** The type of the document a rule node defines, or undefined when it has every type. */
  nodeType(node: P.RuleNode): MaybeType;
  /** A user function's argument and result types, or undefined when they are not known. */
  functionType(node: P.RuleNode): FunctionType | undefined;
  readonly root: P.RuleNode;
}

export interface FunctionType {
  readonly args: readonly Type[];
  readonly result: MaybeType;
}

/** What a call is checked against: argument types, and the result's when it has one. */
interface Signature {
  readonly args: readonly NamedType[];
  readonly result: NamedType | undefined;
}

const declCache = new WeakMap<Builtin, Signature>();

function declOf(b: Builtin): Signature {
  let d = declCache.get(b);
  if (!d) {
    d = {
      args: b.args.map((a) => ({ name: a.name, type: fromSpec(a.type) })),
      result: b.void ? undefined : { name: b.result.name, type: fromSpec(b.result.type) },
    };
    declCache.set(b, d);
  }
  return d;
}

/** Per expression: whether a ref or closure error was reported (OPA then drops errors caused by unknown types). */
interface ExprState {
  refOrClosureErrors: boolean;
}

export class BodyChecker {
  /** The type of each slot of the rule's frame; undefined until something binds it. */
  #env: MaybeType[];
  readonly #report: (message: string, loc: Location) => void;
  /** Types of terms whose checking reports errors (calls, refs, closures): computed once. */
  readonly #memo = new Map<P.PTerm, MaybeType>();
  #expr: ExprState = { refOrClosureErrors: false };
  /** Errors found inside the closure being checked (a closure's type is unknown then). */
  #errorsHere = 0;
  /** Inside an `every` body, outside its comprehensions: only ref errors are reported (see #checkEveryBody). */
  #refsOnly = 0;

  readonly #world: TypeWorld | undefined;

  /** The type of `input` the schemas give this body (`check --schema`); every type without one. */
  readonly #input: Type | undefined;

  constructor(slots: number, report: (message: string, loc: Location) => void, world?: TypeWorld, input?: Type) {
    this.#input = input;
    this.#env = new Array<MaybeType>(slots).fill(undefined);
    this.#report = report;
    this.#world = world;
  }

  /** Errors found so far (reported or not). */
  get errors(): number {
    return this.#errorsHere;
  }

  /**
   * A term's type once the body is checked: for a rule's head value, or a function's
   * parameter, whose variables nothing typed have every type (as in OPA).
   */
  finalType(t: P.PTerm): MaybeType {
    this.#typeAnyWhereUnknown(t);
    return this.#typeOf(t);
  }

  #typeAnyWhereUnknown(t: P.PTerm): void {
    if (t.k === "local") {
      if (this.#env[t.slot] === undefined) this.#env[t.slot] = ANY;
    } else if (t.k === "array" || t.k === "set" || t.k === "object") {
      for (const x of t.items) this.#typeAnyWhereUnknown(x);
    }
  }

  #error(message: string, loc: Location, causedByUnknown: boolean): void {
    if (causedByUnknown && this.#expr.refOrClosureErrors) return;
    this.#errorsHere++;
    if (this.#refsOnly === 0) this.#report(message, loc);
  }

  checkBody(body: P.PBody): void {
    for (const e of body.exprs) this.#checkTopExpr(e);
  }

  checkHeadTerm(t: P.PTerm): void {
    this.#withExprState(() => void this.#typeOf(t));
  }

  #withExprState(f: () => void): void {
    const outer = this.#expr;
    this.#expr = { refOrClosureErrors: false };
    try {
      f();
    } finally {
      this.#expr = outer;
    }
  }

  #checkTopExpr(e: P.PExpr): void {
    this.#withExprState(() => this.#checkExpr(e));
  }

  #checkExpr(e: P.PExpr): void {
    switch (e.k) {
      case "unify":
        return this.#checkUnify(e.a, e.b, e.loc);
      case "term":
        // OPA's RewriteEquals stage makes `a == b` a unification before types are checked.
        if (e.t.k !== "call") return void this.#typeOf(e.t);
        if (isEqualStatement(e.t)) return this.#checkUnify(e.t.args[0]!, e.t.args[1]!, e.loc);
        return void this.#callType(e.t, undefined, false);
      case "not":
        return this.checkBody(e.body);
      case "with":
        for (const m of e.mods) {
          if (m.kind === "function") {
            if (m.replacement.kind === "value") void this.#typeOf(m.replacement.value);
            else this.#checkReplacement(m);
          } else {
            if (m.kind === "input") for (const p of m.path) void this.#typeOf(p);
            void this.#typeOf(m.value);
          }
        }
        return this.checkBody(e.body);
      case "every":
        void this.#typeOf(e.domain);
        return this.#checkEveryBody(e.body);
      case "any":
        // Each operand binds nothing outside it.
        for (const b of e.bodies) this.#inClosure(() => this.checkBody(b));
        return;
    }
  }

  /**
   * The body of `every`, as far as OPA's checker reaches into it: its calls and
   * unifications are not checked (nor typed against the domain), but its refs are, and
   * its comprehensions in full, all with the types known before the `every` (the
   * variables bound inside have no type there). The rest is left to evaluation.
   */
  #checkEveryBody(body: P.PBody): void {
    const outer = this.#env;
    const sites: P.PTerm[] = [];
    for (const e of body.exprs) collectCheckedSites(e, sites);
    for (const t of sites) {
      this.#env = outer.slice();
      this.#withExprState(() => {
        if (t.k !== "ref") return void this.#closureType(t as P.PArrayCompr | P.PSetCompr | P.PObjectCompr | P.PTemplate);
        this.#refsOnly++;
        try {
          void this.#refType(t);
        } finally {
          this.#refsOnly--;
        }
      });
    }
    this.#env = outer;
  }

  /**
   * `with f as g` where g is a function: g must take as many arguments as f, of types
   * that can meet (OPA's checkExprWith; user functions' arguments have every type here).
   */
  #checkReplacement(m: P.PWith & { kind: "function" }): void {
    const want = signature(m.target, this.#world);
    if (m.replacement.kind === "value") return;
    const have = signature(m.replacement, this.#world);
    if (have.length === want.length && have.every((h, i) => unifies(h.type, want[i]!.type))) return;
    this.#error(arityMismatch(m.name, have.map((h) => h.type), want), m.loc, false);
  }

  /** `a = b` (and `:=`): a call on one side and a variable on the other is the call's output. */
  #checkUnify(a: P.PTerm, b: P.PTerm, loc: Location): void {
    if (a.k === "call" && b.k === "local") return void this.#callType(a, b, true);
    if (b.k === "call" && a.k === "local") return void this.#callType(b, a, true);
    const ta = this.#typeOf(a);
    const tb = this.#typeOf(b);
    if (!this.#unify2(a, ta, b, tb)) {
      // Read again: unification may have typed variables on either side.
      const left = this.#typeOf(a);
      const right = this.#typeOf(b);
      this.#error(matchError(left, right), loc, !isKnown(left) || !isKnown(right));
    }
  }

  /** Checks the closure's body on a copy of the environment: what it binds stays inside. */
  #inClosure<T>(f: () => T): { value: T; clean: boolean } {
    const saved = this.#env.slice();
    const errors = this.#errorsHere;
    const value = f();
    const clean = this.#errorsHere === errors;
    this.#env = saved;
    return { value, clean };
  }

  // ------------------------------------------------------------ calls

  /**
   * Checks a call's arguments (and output, when `out` is the variable it binds) against
   * the builtin's declaration; the result type, or undefined when the call is refused.
   * `output` says whether OPA would see an output argument (a call used as a value has
   * one, a fresh variable, unless it is a statement of its own).
   */
  #callType(t: P.PCall, out: P.PLocal | undefined, output: boolean): MaybeType {
    if (this.#memo.has(t)) return this.#memo.get(t);
    const args = t.args;
    for (const a of args) void this.#typeOf(a);
    let result: MaybeType = ANY;
    const fn = t.target.kind === "function" ? this.#world?.functionType(t.target.node) : undefined;
    if (t.target.kind === "builtin") result = this.#checkCall(t, t.target.name, declOf(t.target.builtin), t.target.builtin.variadic === true, out, output);
    else if (fn !== undefined) {
      const decl = { args: fn.args.map((type) => ({ name: undefined, type })), result: fn.result && { name: undefined, type: fn.result } };
      result = this.#checkCall(t, t.target.name, decl, false, out, output);
    } else if (out !== undefined) this.#unify1(out, ANY, false);
    this.#memo.set(t, result);
    return result;
  }

  #checkCall(t: P.PCall, name: string, decl: Signature, variadic: boolean, out: P.PLocal | undefined, output: boolean): MaybeType {
    const want: Type[] = decl.args.map((a) => a.type);
    const terms: (P.PTerm | undefined)[] = [...t.args];
    if (decl.result !== undefined && output) {
      want.push(decl.result.type);
      terms.push(out);
    }
    for (let i = 0; i < terms.length; i++) {
      const w = i < want.length ? want[i] : variadic ? ANY : undefined;
      if (w === undefined) return undefined; // arity is checked (and reported) before this stage
      const term = terms[i];
      if (term === undefined) continue; // a fresh output variable takes any type
      if (this.#unify1(term, w, false)) continue;
      const have = terms.map((x) => (x === undefined ? undefined : this.#typeOf(x)));
      this.#error(invalidArguments(name, have, [...decl.args, ...(decl.result ? [decl.result] : [])], variadic), t.loc, have.some((h) => !isKnown(h)));
      return undefined;
    }
    return decl.result?.type;
  }

  // ------------------------------------------------------------ term types

  /** The type of a term as it stands (OPA's TypeEnv.GetByValue), checking what it contains once. */
  #typeOf(t: P.PTerm): MaybeType {
    switch (t.k) {
      case "const":
        return t.folded ? ANY : typeOfValue(t.v);
      case "local":
        return this.#env[t.slot];
      case "input":
        return this.#input ?? ANY;
      case "data":
        return ANY;
      case "array":
        return t.items.length === 0 ? arrayType([], ANY) : arrayType(t.items.map((x) => this.#typeOf(x)));
      case "set": {
        let of: MaybeType;
        for (const x of t.items) of = or(of, this.#typeOf(x));
        return setType(t.items.length === 0 ? ANY : of);
      }
      case "object":
        return this.#objectLiteralType(t);
      case "call":
        return this.#callType(t, undefined, true);
      case "ref":
      case "arrayCompr":
      case "setCompr":
      case "objectCompr":
      case "template": {
        if (this.#memo.has(t)) return this.#memo.get(t);
        const type = t.k === "ref" ? this.#refType(t) : this.#closureType(t);
        this.#memo.set(t, type);
        return type;
      }
    }
  }

  #objectLiteralType(t: P.PObject): Type {
    const props: StaticProperty[] = [];
    let dynamic: { key: MaybeType; value: MaybeType } | undefined;
    for (let i = 0; i < t.keys.length; i++) {
      const k = t.keys[i]!;
      const v = this.#typeOf(t.values[i]!);
      if (k.k === "const") props.push({ key: k.v, value: v });
      else dynamic = { key: this.#typeOf(k), value: v };
    }
    if (props.length === 0 && dynamic === undefined) dynamic = { key: ANY, value: ANY };
    return objectType(props, dynamic);
  }

  #closureType(t: P.PArrayCompr | P.PSetCompr | P.PObjectCompr | P.PTemplate): MaybeType {
    if (t.k === "template") {
      for (const part of t.parts) if (typeof part !== "string") this.#closure(part.body, () => this.#typeOf(part.term));
      return STRING;
    }
    if (t.k === "objectCompr") {
      const kv = this.#closure(t.body, () => [this.#typeOf(t.key), this.#typeOf(t.value)] as const);
      return kv && objectType([], { key: kv[0], value: kv[1] });
    }
    const head = this.#closure(t.body, () => [this.#typeOf(t.head)] as const);
    if (!head) return undefined;
    return t.k === "arrayCompr" ? arrayType([], head[0]) : setType(head[0]);
  }

  /** A comprehension's body and head types, or undefined when its body has errors. */
  #closure<T>(body: P.PBody, head: () => T): T | undefined {
    const outer = this.#expr;
    const { value, clean } = this.#inClosure(() => {
      this.checkBody(body);
      return head();
    });
    this.#expr = outer;
    if (!clean) this.#expr.refOrClosureErrors = true;
    return clean ? value : undefined;
  }

  // ------------------------------------------------------------ refs

  /** The type at a ref, reporting a step into a value that cannot have it (OPA's refChecker). */
  #refType(t: P.PRef): MaybeType {
    const head = t.head;
    if (head.k === "local") {
      let start = this.#env[head.slot];
      if (start === undefined) start = this.#env[head.slot] = ANY;
      return this.#walkPath(t, start, 0);
    }
    if (head.k === "data" && this.#world !== undefined) {
      // Down the rule tree by constant steps; a rule's document is typed from there on.
      let node = this.#world.root;
      for (let i = 0; i < t.path.length; i++) {
        const p = t.path[i]!;
        if (holdsRules(node) && !this.#nodeKeyFits(t, i, node)) return undefined;
        const child = p.k === "const" && typeof p.v === "string" ? node.children.get(p.v) : undefined;
        if (child === undefined) break;
        node = child;
        if (node.arity !== undefined) {
          // A function is only ever called (OPA has no first-class functions, but for `with`).
          const fn = this.#world.functionType(node);
          this.#refError(refToFunction(t, i + 1, fn?.args ?? Array.from({ length: node.arity }, () => ANY), fn ? fn.result : ANY), t.loc);
          return undefined;
        }
        if (node.rules.length > 0 || node.defaultRule !== undefined) return this.#walkPath(t, this.#world.nodeType(node) ?? ANY, i + 1);
      }
    }
    if (head.k === "input" && this.#input !== undefined) return this.#walkPath(t, this.#input, 0);
    if (head.k === "ref" || head.k === "call") {
      // What OPA reads through a variable it binds first (`some x in deny`, `split(s, ".")[0]`).
      const start = this.#typeOf(head);
      return start === undefined ? undefined : this.#walkPath(t, start, 0);
    }
    // `input`, base data, and other heads (a literal, a comprehension) have every type here.
    if (head.k !== "input" && head.k !== "data") void this.#typeOf(head);
    for (const p of t.path) this.#keyOfAny(p);
    return ANY;
  }

  /**
   * Step `i` of a data ref at a node above any rule, as OPA's refChecker takes it: the
   * first two steps name packages, so they are strings or variables; a variable there
   * or deeper is a key of the node's object of packages and rules, a string.
   *
   * A constant key of another type (`data.test[1]`) is left alone: it makes the rule
   * depend on no rule below the node, so whether OPA has typed those rules by then
   * depends on its order of checking (`p := data[2]` compiles there). A key that is not
   * constant makes every rule below a dependency, checked first: OPA always sees them.
   */
  #nodeKeyFits(t: P.PRef, i: number, node: P.RuleNode): boolean {
    const p = t.path[i]!;
    const namesPackage = i < 2;
    if (namesPackage && p.k !== "local" && p.k !== "const") {
      this.#refError(refBadKeyType(t, i, this.#typeOf(p), STRING, nodeObjectType(node)), t.loc);
      return false;
    }
    if (p.k === "local" && !this.#keyFits(p, STRING)) {
      this.#refError(refBadKeyType(t, i, this.#env[p.slot], STRING, nodeObjectType(node)), t.loc);
      return false;
    }
    return true;
  }

  /** Steps `from` on of a ref, into a value of type `start`. */
  #walkPath(t: P.PRef, start: Type, from: number): MaybeType {
    let cur: Type = start;
    for (let i = from; i < t.path.length; i++) {
      const p = t.path[i]!;
      if (cur.k === "any" && cur.of.length === 0) {
        for (let j = i; j < t.path.length; j++) this.#keyOfAny(t.path[j]!);
        return ANY;
      }
      const keyType = keys(cur);
      const next = keyType === undefined ? undefined : p.k === "const" && !isComposite(p.v) ? select(cur, p.v) : this.#keyFits(p, keyType) ? values(cur) : undefined;
      if (next === undefined && cur.fromSchema) {
        // Where a schema's type ends the ref, schema-refs.ts reports it (once).
        for (let j = i; j < t.path.length; j++) this.#keyOfAny(t.path[j]!);
        return ANY;
      }
      if (keyType === undefined) {
        this.#refError(refUnsupported(t, i, cur), t.loc);
        return undefined;
      }
      if (p.k === "const" && !isComposite(p.v)) {
        if (next === undefined) {
          this.#refError(refBadKey(t, i, p.v, keyType, cur), t.loc);
          return undefined;
        }
        cur = next;
        continue;
      }
      if (next === undefined) {
        // OPA lists the keys a value has, but not for a composite key (checkRefLeaf).
        const composite = p.k === "array" || p.k === "object" || p.k === "set" || (p.k === "const" && isComposite(p.v));
        this.#refError(refBadKeyType(t, i, this.#typeOf(p), keyType, composite ? ANY : cur), t.loc);
        return undefined;
      }
      cur = next;
    }
    return cur;
  }

  /** A step into a value of every type: an unbound variable there can be any key. */
  #keyOfAny(p: P.PTerm): void {
    this.#keyFits(p, ANY);
  }

  /**
   * Whether a key that is not a constant can be a key of type `keyType`; types the
   * variables it binds (a variable, or variables inside a composite key like `[x, y]`).
   */
  #keyFits(p: P.PTerm, keyType: Type): boolean {
    switch (p.k) {
      case "const":
        return p.folded === true || unify1Value(p.v, keyType);
      case "local": {
        const exist = this.#env[p.slot];
        if (exist === undefined) this.#env[p.slot] = keyType;
        return exist === undefined || unifies(exist, keyType);
      }
      case "array":
      case "set":
      case "object":
        return this.#unify1(p, keyType, false);
      default: {
        const have = this.#typeOf(p);
        return have === undefined || unifies(have, keyType);
      }
    }
  }

  #refError(message: string, loc: Location): void {
    this.#expr.refOrClosureErrors = true;
    this.#errorsHere++;
    this.#report(message, loc);
  }

  // ------------------------------------------------------------ unification (check.go's unify1/unify2)

  /** Whether `t` can take type `want`; types variables that had none (or widens them, for `union`). */
  #unify1(t: P.PTerm, want: Type, union: boolean): boolean {
    switch (t.k) {
      case "local": {
        const exist = this.#env[t.slot];
        if (union) this.#env[t.slot] = or(exist, want);
        else if (exist !== undefined) return unifies(exist, want);
        else this.#env[t.slot] = want;
        return true;
      }
      case "array":
        return this.#unifyComposite(want, union, (w, u) =>
          w.k === "array" && (t.items.length === w.static.length || w.dynamic !== undefined) && t.items.every((x, i) => this.#unify1Maybe(x, select(w, i), u)),
          (u) => t.items.forEach((x) => this.#unify1(x, ANY, u)));
      case "set":
        return this.#unifyComposite(want, union, (w, u) => w.k === "set" && t.items.every((x) => this.#unify1Maybe(x, values(w), u)),
          (u) => t.items.forEach((x) => this.#unify1(x, ANY, u)));
      case "object":
        return this.#unifyComposite(want, union, (w, u) => w.k === "object" && this.#unify1Object(t, w, u),
          (u) => t.items.forEach((x) => this.#unify1(x, ANY, u)));
      case "const":
        return t.folded === true || unify1Value(t.v, want);
      case "call": {
        // A call used as a value is a fresh variable of the call's result type.
        const have = this.#typeOf(t);
        return have === undefined || unifies(have, want);
      }
      default:
        return unifies(this.#typeOf(t), want);
    }
  }

  #unify1Maybe(t: P.PTerm, want: MaybeType, union: boolean): boolean {
    return want !== undefined && this.#unify1(t, want, union);
  }

  /** A literal array, set or object against `want`: structurally, or against each member of a union. */
  #unifyComposite(want: Type, union: boolean, against: (w: Type, union: boolean) => boolean, toAny: (union: boolean) => void): boolean {
    if (want.k !== "any") return against(want, union);
    if (want.of.length === 0) {
      toAny(true);
      return true;
    }
    let ok = false;
    for (const m of want.of) ok = against(m, true) || ok;
    return ok;
  }

  #unify1Object(t: P.PObject, w: ObjectType, union: boolean): boolean {
    if (t.keys.length !== w.static.length && w.dynamic === undefined) return false;
    for (let i = 0; i < t.keys.length; i++) {
      const k = t.keys[i]!;
      if (k.k === "const") {
        const child = select(w, k.v);
        if (child === undefined || !this.#unify1(t.values[i]!, child, union)) return false;
      } else {
        this.#unify1(t.values[i]!, ANY, union);
      }
    }
    return true;
  }

  /** `a = b` where both sides have the given types (check.go's unify2). */
  #unify2(a: P.PTerm, ta: MaybeType, b: P.PTerm, tb: MaybeType): boolean {
    const nilA = !isKnown(ta);
    const nilB = !isKnown(tb);
    if (nilA && !nilB) return this.#unify1(a, tb as Type, false);
    if (nilB && !nilA) return this.#unify1(b, ta as Type, false);
    if (!nilA && !nilB) return unifies(ta, tb);
    if (a.k === "array") return this.#unify2Array(a, b);
    if (a.k === "object") return this.#unify2Object(a, b);
    if (isVarLike(a)) {
      if (isVarLike(b)) return this.#unify1(a, ANY, false) && this.#unify1Maybe(b, this.#typeOf(a), false);
      if (b.k === "array") return this.#unify2Array(b, a);
      if (b.k === "object") return this.#unify2Object(b, a);
    }
    // OPA refuses the rest, where neither side has a type. Here a side may lack one only
    // because this checker knows less than OPA's (see the file comment): accept.
    return true;
  }

  #unify2Array(a: P.PArray, b: P.PTerm): boolean {
    if (b.k === "array") {
      if (a.items.length !== b.items.length) return false;
      return a.items.every((x, i) => this.#unify2(x, this.#typeOf(x), b.items[i]!, this.#typeOf(b.items[i]!)));
    }
    if (isVarLike(b)) return this.#unify1(a, ANY, false) && this.#unify1Maybe(b, this.#typeOf(a), false);
    return false;
  }

  #unify2Object(a: P.PObject, b: P.PTerm): boolean {
    if (b.k === "object") {
      if (a.keys.length !== b.keys.length) return false;
      for (let i = 0; i < a.keys.length; i++) {
        const ka = a.keys[i]!;
        if (ka.k !== "const") return true; // keys that are not constant are matched at run time
        const j = b.keys.findIndex((kb) => kb.k === "const" && compareValues(kb.v, ka.v) === 0);
        if (j < 0) return true;
        if (!this.#unify2(a.values[i]!, this.#typeOf(a.values[i]!), b.values[j]!, this.#typeOf(b.values[j]!))) return false;
      }
      return true;
    }
    if (isVarLike(b)) return this.#unify1(a, ANY, false) && this.#unify1Maybe(b, this.#typeOf(a), false);
    return false;
  }
}

/** A function's arguments: a builtin's declared ones, named; a user function's, of every type. */
function signature(f: P.WithTarget, world: TypeWorld | undefined): readonly NamedType[] {
  if (f.kind === "builtin") return declOf(f.builtin).args;
  const known = world?.functionType(f.node);
  if (known !== undefined) return known.args.map((type) => ({ name: undefined, type }));
  return Array.from({ length: f.node.arity ?? 0 }, () => ({ name: undefined, type: ANY }));
}

function isEqualStatement(t: P.PCall): boolean {
  return t.target.kind === "builtin" && t.target.builtin.name === "equal" && t.args.length === 2;
}

function isComposite(v: Value): boolean {
  return typeof v === "object" && v !== null && !isNumber(v);
}

function isVarLike(t: P.PTerm): boolean {
  return t.k === "local" || t.k === "call";
}

/** A constant against a type, element by element (a literal, as OPA sees it). */
function unify1Value(v: Value, want: Type): boolean {
  if (want.k === "any") return want.of.length === 0 || want.of.some((m) => unify1Value(v, m));
  if (isArray(v)) {
    if (want.k !== "array" || (v.length !== want.static.length && want.dynamic === undefined)) return false;
    return v.every((x, i) => {
      const w = select(want, i);
      return w !== undefined && unify1Value(x, w);
    });
  }
  if (v instanceof RSet) {
    if (want.k !== "set") return false;
    const of = values(want);
    if (of === undefined) return false;
    for (const x of v.unordered()) if (!unify1Value(x, of)) return false;
    return true;
  }
  if (isObject(v)) {
    if (want.k !== "object") return false;
    let size = 0;
    const bad = objectSome(v, (k, x) => {
      size++;
      const w = select(want, k);
      return w === undefined || !unify1Value(x, w);
    });
    return !bad && (size === want.static.length || want.dynamic !== undefined);
  }
  return unifies(typeOfValue(v), want);
}

const holdsRulesCache = new WeakMap<P.RuleNode, boolean>();

/** A rule, a default or a function sits at the node or below it: OPA's type tree has the node. */
function holdsRules(node: P.RuleNode): boolean {
  let yes = holdsRulesCache.get(node);
  if (yes === undefined) {
    yes = node.rules.length > 0 || node.defaultRule !== undefined || [...node.children.values()].some(holdsRules);
    holdsRulesCache.set(node, yes);
  }
  return yes;
}

/** A node above the rules as OPA types it: its children's names, and any other string key (base data). */
function nodeObjectType(node: P.RuleNode): Type {
  const props = [...node.children].filter(([, child]) => holdsRules(child)).map(([key]) => ({ key, value: ANY }));
  return objectType(props, { key: STRING, value: ANY });
}

/**
 * What OPA's checker reaches in the body of `every` (its refChecker and checkClosures
 * walk into it): refs and comprehensions, outermost only, in nested bodies too.
 */
function collectCheckedSites(e: P.PExpr, out: P.PTerm[]): void {
  const term = (t: P.PTerm): void => {
    switch (t.k) {
      case "ref":
      case "arrayCompr":
      case "setCompr":
      case "objectCompr":
      case "template":
        out.push(t);
        return;
      case "array":
      case "set":
      case "object":
        t.items.forEach(term);
        return;
      case "call":
        t.args.forEach(term);
        return;
      default:
        return;
    }
  };
  const body = (b: P.PBody): void => b.exprs.forEach((x) => collectCheckedSites(x, out));
  switch (e.k) {
    case "unify":
      term(e.a);
      term(e.b);
      return;
    case "term":
      return term(e.t);
    case "not":
      return body(e.body);
    case "every":
      term(e.domain);
      return body(e.body);
    case "with":
      for (const m of e.mods) {
        if (m.kind !== "function") term(m.value);
        else if (m.replacement.kind === "value") term(m.replacement.value);
      }
      return body(e.body);
    case "any":
      return e.bodies.forEach(body);
  }
}
