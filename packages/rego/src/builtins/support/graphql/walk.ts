/**
 * gqlparser's validation walk: it visits every operation, then every fragment,
 * annotating nodes with their schema definitions (the `Definition`,
 * `ObjectDefinition`, `ExpectedType`… fields) and calling the rules' observers after
 * a node's children (post-order). A fragment spread walks the fragment's selections
 * once per operation, so variables used inside fragments count as used.
 */
import {
  forName,
  namedType,
  newFieldDefinition,
  typeName,
  ValueKind,
  type Argument,
  type ArgumentDefinition,
  type Definition,
  type Directive,
  type Field,
  type FragmentDefinition,
  type FragmentSpread,
  type GqlValue,
  type InlineFragment,
  type OperationDefinition,
  type QueryDocument,
  type Selection,
  type VariableDefinition,
} from "./ast.js";
import type { Schema } from "./schema.js";

export interface Events {
  operation: ((w: Walker, op: OperationDefinition) => void)[];
  variable: ((w: Walker, v: VariableDefinition) => void)[];
  field: ((w: Walker, f: Field) => void)[];
  fragment: ((w: Walker, f: FragmentDefinition) => void)[];
  inlineFragment: ((w: Walker, f: InlineFragment) => void)[];
  fragmentSpread: ((w: Walker, f: FragmentSpread) => void)[];
  directive: ((w: Walker, d: Directive) => void)[];
  directiveList: ((w: Walker, ds: Directive[] | null) => void)[];
  value: ((w: Walker, v: GqlValue) => void)[];
}

export function newEvents(): Events {
  return { operation: [], variable: [], field: [], fragment: [], inlineFragment: [], fragmentSpread: [], directive: [], directiveList: [], value: [] };
}

export class Walker {
  readonly schema: Schema;
  readonly document: QueryDocument;
  readonly #events: Events;
  currentOperation: OperationDefinition | null = null;
  #validatedSpreads = new Set<string>();

  constructor(schema: Schema, document: QueryDocument, events: Events) {
    this.schema = schema;
    this.document = document;
    this.#events = events;
  }

  walk(): void {
    for (const op of this.document.Operations ?? []) {
      this.#validatedSpreads = new Set();
      this.#walkOperation(op);
    }
    for (const frag of this.document.Fragments ?? []) {
      this.#validatedSpreads = new Set();
      this.#walkFragment(frag);
    }
  }

  #type(name: string): Definition | null {
    return this.schema.Types.get(name) ?? null;
  }

  #walkOperation(op: OperationDefinition): void {
    this.currentOperation = op;
    for (const v of op.VariableDefinitions ?? []) {
      const name = v.Type ? typeName(v.Type) : "";
      v.Definition = this.#type(name);
      for (const f of this.#events.variable) f(this, v);
      if (v.DefaultValue) {
        v.DefaultValue.ExpectedType = v.Type;
        v.DefaultValue.Definition = this.#type(name);
      }
    }
    let def: Definition | null = null;
    let loc = "";
    switch (op.Operation) {
      case "query":
      case "":
        def = this.schema.Query;
        loc = "QUERY";
        break;
      case "mutation":
        def = this.schema.Mutation;
        loc = "MUTATION";
        break;
      case "subscription":
        def = this.schema.Subscription;
        loc = "SUBSCRIPTION";
        break;
    }
    for (const v of op.VariableDefinitions ?? []) {
      if (v.DefaultValue) this.#walkValue(v.DefaultValue);
      this.#walkDirectives(v.Definition, v.Directives, "VARIABLE_DEFINITION");
    }
    this.#walkDirectives(def, op.Directives, loc);
    this.#walkSelectionSet(def, op.SelectionSet);
    for (const f of this.#events.operation) f(this, op);
    this.currentOperation = null;
  }

  #walkFragment(frag: FragmentDefinition): void {
    const def = this.#type(frag.TypeCondition);
    frag.Definition = def;
    this.#walkDirectives(def, frag.Directives, "FRAGMENT_DEFINITION");
    this.#walkSelectionSet(def, frag.SelectionSet);
    for (const f of this.#events.fragment) f(this, frag);
  }

  #walkDirectives(parent: Definition | null, dirs: Directive[] | null, location: string): void {
    for (const dir of dirs ?? []) {
      const def = this.schema.Directives.get(dir.Name) ?? null;
      dir.Definition = def;
      dir.ParentDefinition = parent;
      dir.Location = location;
      for (const arg of dir.Arguments ?? []) this.#walkArgument(def ? forName(def.Arguments, arg.Name) : null, arg);
      for (const f of this.#events.directive) f(this, dir);
    }
    for (const f of this.#events.directiveList) f(this, dirs);
  }

  #walkValue(value: GqlValue | null): void {
    if (!value) return;
    if (value.Kind === ValueKind.Variable && this.currentOperation) {
      value.VariableDefinition = (this.currentOperation.VariableDefinitions ?? []).find((v) => v.Variable === value.Raw) ?? null;
      if (value.VariableDefinition) value.VariableDefinition.Used = true;
    }
    if (value.Kind === ValueKind.ObjectValue) {
      for (const child of value.Children ?? []) {
        if (value.Definition && child.Value) {
          const fieldDef = forName(value.Definition.Fields, child.Name);
          if (fieldDef) {
            child.Value.ExpectedType = fieldDef.Type;
            child.Value.ExpectedTypeHasDefault = fieldDef.DefaultValue !== null && fieldDef.DefaultValue.Kind !== ValueKind.NullValue;
            child.Value.Definition = fieldDef.Type ? this.#type(typeName(fieldDef.Type)) : null;
          }
        }
        this.#walkValue(child.Value);
      }
    }
    if (value.Kind === ValueKind.ListValue) {
      for (const child of value.Children ?? []) {
        if (value.ExpectedType?.Elem && child.Value) {
          child.Value.ExpectedType = value.ExpectedType.Elem;
          child.Value.Definition = value.Definition;
        }
        this.#walkValue(child.Value);
      }
    }
    for (const f of this.#events.value) f(this, value);
  }

  #walkArgument(argDef: ArgumentDefinition | null, arg: Argument): void {
    if (argDef && arg.Value) {
      arg.Value.ExpectedType = argDef.Type;
      arg.Value.ExpectedTypeHasDefault = argDef.DefaultValue !== null && argDef.DefaultValue.Kind !== ValueKind.NullValue;
      arg.Value.Definition = argDef.Type ? this.#type(typeName(argDef.Type)) : null;
    }
    this.#walkValue(arg.Value);
  }

  #walkSelectionSet(parent: Definition | null, set: Selection[] | null): void {
    for (const sel of set ?? []) this.#walkSelection(parent, sel);
  }

  #walkSelection(parent: Definition | null, sel: Selection): void {
    switch (sel.$kind) {
      case "Field": {
        let def = null;
        if (sel.Name === "__typename") {
          def = newFieldDefinition();
          def.Name = "__typename";
          def.Type = namedType("String");
        } else if (parent) {
          def = forName(parent.Fields, sel.Name);
        }
        sel.Definition = def;
        sel.ObjectDefinition = parent;
        const next = def?.Type ? this.#type(typeName(def.Type)) : null;
        for (const arg of sel.Arguments ?? []) this.#walkArgument(def ? forName(def.Arguments, arg.Name) : null, arg);
        this.#walkDirectives(next, sel.Directives, "FIELD");
        this.#walkSelectionSet(next, sel.SelectionSet);
        for (const f of this.#events.field) f(this, sel);
        return;
      }
      case "InlineFragment": {
        sel.ObjectDefinition = parent;
        const next = sel.TypeCondition !== "" ? this.#type(sel.TypeCondition) : parent;
        this.#walkDirectives(next, sel.Directives, "INLINE_FRAGMENT");
        this.#walkSelectionSet(next, sel.SelectionSet);
        for (const f of this.#events.inlineFragment) f(this, sel);
        return;
      }
      case "FragmentSpread": {
        const def = forName(this.document.Fragments, sel.Name);
        sel.Definition = def;
        sel.ObjectDefinition = parent;
        const next = def ? this.#type(def.TypeCondition) : null;
        this.#walkDirectives(next, sel.Directives, "FRAGMENT_SPREAD");
        if (def && !this.#validatedSpreads.has(def.Name)) {
          this.#validatedSpreads.add(def.Name);
          this.#walkSelectionSet(next, def.SelectionSet);
        }
        for (const f of this.#events.fragmentSpread) f(this, sel);
        return;
      }
    }
  }
}
