/**
 * OverlappingFieldsCanBeMerged: two fields with the same response name must be the
 * same field with the same arguments, and their types must not conflict. This
 * follows gqlparser's port of the graphql-js algorithm, including its quirks (an
 * argument list is compared pairwise by name, so two fields with several
 * arguments always count as "differing arguments").
 */
import { Kind, typeString, type Argument, type Field, type FragmentSpread, type GqlType, type GqlValue, type Pos, type Selection } from "./ast.js";
import type { AddError, Rule } from "./rules.js";
import type { Walker } from "./walk.js";

interface Conflict {
  readonly responseName: string;
  readonly message: string;
  readonly sub: readonly Conflict[];
  readonly pos: Pos | null;
}

/** Fields grouped by response name, in first-seen order. */
type FieldsMap = Map<string, Field[]>;

function fieldsAndSpreads(set: Selection[] | null): [FieldsMap, FragmentSpread[]] {
  const fields: FieldsMap = new Map();
  const spreads: FragmentSpread[] = [];
  const walk = (s: Selection[] | null): void => {
    for (const sel of s ?? []) {
      if (sel.$kind === "Field") {
        const name = sel.Alias !== "" ? sel.Alias : sel.Name;
        const list = fields.get(name);
        if (list) list.push(sel);
        else fields.set(name, [sel]);
      } else if (sel.$kind === "InlineFragment") {
        walk(sel.SelectionSet);
      } else {
        spreads.push(sel);
      }
    }
  };
  walk(set);
  return [fields, spreads];
}

function sameFieldsMap(a: FieldsMap, b: FieldsMap): boolean {
  if (a.size !== b.size) return false;
  for (const [k, fa] of a) {
    const fb = b.get(k);
    if (!fb || fb.length !== fa.length || fa.some((f, i) => f !== fb[i])) return false;
  }
  return true;
}

function sameValue(a: GqlValue | null, b: GqlValue | null): boolean {
  return (a?.Kind ?? -1) === (b?.Kind ?? -1) && (a?.Raw ?? "") === (b?.Raw ?? "");
}

function sameArguments(a: Argument[] | null, b: Argument[] | null): boolean {
  const xs = a ?? [];
  const ys = b ?? [];
  if (xs.length !== ys.length) return false;
  for (const x of xs) {
    for (const y of ys) {
      if (x.Name !== y.Name || !sameValue(x.Value, y.Value)) return false;
    }
  }
  return true;
}

function typesConflict(w: Walker, a: GqlType, b: GqlType): boolean {
  if (a.Elem) return b.Elem ? typesConflict(w, a.Elem, b.Elem) : true;
  if (b.Elem) return true;
  if (a.NonNull !== b.NonNull) return true;
  const t1 = w.schema.Types.get(a.NamedType);
  const t2 = w.schema.Types.get(b.NamedType);
  if (!t1 || !t2) return false;
  const leaf = (k: string): boolean => k === Kind.Scalar || k === Kind.Enum;
  return leaf(t1.Kind) && leaf(t2.Kind) ? t1.Name !== t2.Name : false;
}

function conflictText(c: Conflict): string {
  if (!c.sub.length) return c.message;
  return c.sub.map((s) => `subfields "${s.responseName}" conflict because ${conflictText(s)}`).join(" and ");
}

class Manager {
  walker: Walker | null = null;
  /** Fragment pairs already compared, with whether they were compared as mutually exclusive. */
  readonly #pairs = new Map<string, Map<string, boolean>>();
  #comparedFragments = new Set<string>();

  within(set: Selection[] | null): Conflict[] {
    if (!set?.length) return [];
    const [fields, spreads] = fieldsAndSpreads(set);
    const out: Conflict[] = [];
    for (const list of fields.values()) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) this.#push(out, this.#findConflict(false, list[i]!, list[j]!));
      }
    }
    this.#comparedFragments = new Set();
    spreads.forEach((a, i) => {
      this.#betweenFieldsAndFragment(out, false, fields, a);
      for (const b of spreads.slice(i + 1)) this.#betweenFragments(out, false, a, b);
    });
    return out;
  }

  #push(out: Conflict[], c: Conflict | null): void {
    if (c) out.push(c);
  }

  #betweenFieldsAndFragment(out: Conflict[], exclusive: boolean, fields: FieldsMap, spread: FragmentSpread): void {
    if (this.#comparedFragments.has(spread.Name)) return;
    this.#comparedFragments.add(spread.Name);
    if (!spread.Definition) return;
    const [fieldsB, spreadsB] = fieldsAndSpreads(spread.Definition.SelectionSet);
    if (sameFieldsMap(fields, fieldsB)) return;
    this.#between(out, exclusive, fields, fieldsB);
    for (const s of spreadsB) if (s.Name !== spread.Name) this.#betweenFieldsAndFragment(out, exclusive, fields, s);
  }

  #hasPair(a: string, b: string, exclusive: boolean): boolean {
    const r = this.#pairs.get(a)?.get(b);
    if (r === undefined) return false;
    return exclusive ? true : !r;
  }

  #addPair(a: string, b: string, exclusive: boolean): void {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      let m = this.#pairs.get(x);
      if (!m) this.#pairs.set(x, (m = new Map()));
      m.set(y, exclusive);
    }
  }

  #betweenFragments(out: Conflict[], exclusive: boolean, a: FragmentSpread, b: FragmentSpread): void {
    const check = (x: FragmentSpread, y: FragmentSpread): void => {
      if (x.Name === y.Name || this.#hasPair(x.Name, y.Name, exclusive)) return;
      this.#addPair(x.Name, y.Name, exclusive);
      if (!x.Definition || !y.Definition) return;
      const [fa, sa] = fieldsAndSpreads(x.Definition.SelectionSet);
      const [fb, sb] = fieldsAndSpreads(y.Definition.SelectionSet);
      this.#between(out, exclusive, fa, fb);
      for (const s of sb) check(x, s);
      for (const s of sa) check(s, y);
    };
    check(a, b);
  }

  #betweenSubSelections(exclusive: boolean, a: Selection[] | null, b: Selection[] | null): Conflict[] {
    const out: Conflict[] = [];
    const [fa, sa] = fieldsAndSpreads(a);
    const [fb, sb] = fieldsAndSpreads(b);
    this.#between(out, exclusive, fa, fb);
    for (const s of sb) {
      this.#comparedFragments = new Set();
      this.#betweenFieldsAndFragment(out, exclusive, fa, s);
    }
    for (const s of sa) {
      this.#comparedFragments = new Set();
      this.#betweenFieldsAndFragment(out, exclusive, fb, s);
    }
    for (const x of sa) for (const y of sb) this.#betweenFragments(out, exclusive, x, y);
    return out;
  }

  #between(out: Conflict[], exclusive: boolean, a: FieldsMap, b: FieldsMap): void {
    for (const [name, fieldsA] of a) {
      const fieldsB = b.get(name);
      if (!fieldsB) continue;
      for (const x of fieldsA) for (const y of fieldsB) this.#push(out, this.#findConflict(exclusive, x, y));
    }
  }

  #findConflict(parentExclusive: boolean, a: Field, b: Field): Conflict | null {
    if (!a.Definition || !a.ObjectDefinition || !b.Definition || !b.ObjectDefinition) return null;
    const exclusive =
      parentExclusive || (a.ObjectDefinition.Name !== b.ObjectDefinition.Name && a.ObjectDefinition.Kind === Kind.Object && b.ObjectDefinition.Kind === Kind.Object);
    const responseName = a.Alias !== "" ? a.Alias : a.Name;
    const conflict = (message: string, sub: readonly Conflict[] = []): Conflict => ({ responseName, message, sub, pos: b.Position });
    if (!exclusive) {
      if (a.Name !== b.Name) return conflict(`${a.Name} and ${b.Name} are different fields`);
      if (!sameArguments(a.Arguments, b.Arguments)) return conflict("they have differing arguments");
    }
    const ta = a.Definition.Type;
    const tb = b.Definition.Type;
    if (ta && tb && typesConflict(this.walker!, ta, tb)) {
      return conflict(`they return conflicting types ${typeString(ta)} and ${typeString(tb)}`);
    }
    const sub = this.#betweenSubSelections(exclusive, a.SelectionSet, b.SelectionSet);
    return sub.length ? conflict("", sub) : null;
  }
}

function report(conflicts: readonly Conflict[], addError: AddError): void {
  for (const c of conflicts) {
    addError(`Fields "${c.responseName}" conflict because ${conflictText(c)}. Use different aliases on the fields to fetch both if this was intentional.`, c.pos);
  }
}

export const overlappingFieldsCanBeMerged: Rule = (ev, addError) => {
  const m = new Manager();
  ev.operation.push((w, op) => {
    m.walker = w;
    report(m.within(op.SelectionSet), addError);
  });
  ev.field.push((w, field) => {
    // Fragments reached from an operation are checked when the fragment itself is walked.
    if (!w.currentOperation) return;
    m.walker = w;
    report(m.within(field.SelectionSet), addError);
  });
  ev.inlineFragment.push((w, inline) => {
    m.walker = w;
    report(m.within(inline.SelectionSet), addError);
  });
  ev.fragment.push((w, frag) => {
    m.walker = w;
    report(m.within(frag.SelectionSet), addError);
  });
};
