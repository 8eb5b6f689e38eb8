/**
 * The query validation rules, with gqlparser's messages (which follow graphql-js
 * 16) and in gqlparser's registration order (alphabetical by rule name). Each rule
 * registers observers on the walk; errors are collected in walk order.
 */
import {
  forName,
  isAbstractType,
  isCompatible,
  isCompositeType,
  isInputType,
  isLeafType,
  Kind,
  typeName,
  typeString,
  ValueKind,
  type Definition,
  type Directive,
  type FragmentDefinition,
  type FragmentSpread,
  type GqlType,
  type GqlValue,
  type Pos,
  type Selection,
} from "./ast.js";
import { overlappingFieldsCanBeMerged } from "./overlap.js";
import { possibleTypes } from "./schema.js";
import { quotedOrList, suggestionList, suggestQuoted, suggestUnquoted } from "./suggest.js";
import { outOfInt32, valueFails, valueString } from "./values.js";
import type { Events, Walker } from "./walk.js";
import { goQuote } from "../../../ast/value-string.js";

export type AddError = (message: string, pos: Pos | null) => void;
export type Rule = (events: Events, addError: AddError) => void;

const fieldsOnCorrectType: Rule = (ev, addError) => {
  ev.field.push((w, field) => {
    if (!field.ObjectDefinition || field.Definition) return;
    const parent = field.ObjectDefinition;
    let message = `Cannot query field "${field.Name}" on type "${parent.Name}".`;
    const types = suggestedTypeNames(w, parent, field.Name);
    if (types.length) {
      message += ` Did you mean to use an inline fragment on ${quotedOrList(types)}?`;
    } else if (parent.Kind === Kind.Object || parent.Kind === Kind.Interface) {
      const names = suggestionList(field.Name, (parent.Fields ?? []).map((f) => f.Name));
      if (names.length) message += ` Did you mean ${quotedOrList(names)}?`;
    }
    addError(message, field.Position);
  });
};

/** Types under an abstract parent that have the field: interfaces (most used first), then objects. */
function suggestedTypeNames(w: Walker, parent: Definition, name: string): string[] {
  if (!isAbstractType(parent)) return [];
  const objects: string[] = [];
  const interfaces: string[] = [];
  const usage = new Map<string, number>();
  for (const t of possibleTypes(w.schema, parent)) {
    if (!t || !forName(t.Fields, name)) continue;
    objects.push(t.Name);
    for (const intfName of t.Interfaces ?? []) {
      const intf = w.schema.Types.get(intfName);
      if (intf && forName(intf.Fields, name)) {
        if (!usage.has(intfName)) interfaces.push(intfName);
        usage.set(intfName, (usage.get(intfName) ?? 0) + 1);
      }
    }
  }
  return [...interfaces, ...objects].sort((a, b) => (usage.get(b) ?? 0) - (usage.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
}

const fragmentsOnCompositeTypes: Rule = (ev, addError) => {
  ev.inlineFragment.push((w, inline) => {
    const t = w.schema.Types.get(inline.TypeCondition);
    if (!t || isCompositeType(t)) return;
    addError(`Fragment cannot condition on non composite type "${inline.TypeCondition}".`, inline.Position);
  });
  ev.fragment.push((_w, frag) => {
    if (!frag.Definition || frag.TypeCondition === "" || isCompositeType(frag.Definition)) return;
    addError(`Fragment "${frag.Name}" cannot condition on non composite type "${frag.TypeCondition}".`, frag.Position);
  });
};

const knownArgumentNames: Rule = (ev, addError) => {
  ev.field.push((_w, field) => {
    if (!field.Definition || !field.ObjectDefinition) return;
    for (const arg of field.Arguments ?? []) {
      if (forName(field.Definition.Arguments, arg.Name)) continue;
      const names = (field.Definition.Arguments ?? []).map((a) => a.Name);
      addError(`Unknown argument "${arg.Name}" on field "${field.ObjectDefinition.Name}.${field.Name}".` + suggestQuoted("Did you mean", arg.Name, names), field.Position);
    }
  });
  ev.directive.push((_w, dir) => {
    if (!dir.Definition) return;
    for (const arg of dir.Arguments ?? []) {
      if (forName(dir.Definition.Arguments, arg.Name)) continue;
      const names = (dir.Definition.Arguments ?? []).map((a) => a.Name);
      addError(`Unknown argument "${arg.Name}" on directive "@${dir.Name}".` + suggestQuoted("Did you mean", arg.Name, names), dir.Position);
    }
  });
};

const knownDirectives: Rule = (ev, addError) => {
  const seen = new Set<string>();
  ev.directive.push((_w, dir) => {
    if (!dir.Definition) {
      addError(`Unknown directive "@${dir.Name}".`, dir.Position);
      return;
    }
    if ((dir.Definition.Locations ?? []).includes(dir.Location)) return;
    const key = `${dir.Name}:${dir.Position?.line ?? 0}:${dir.Position?.column ?? 0}`;
    if (seen.has(key)) return;
    seen.add(key);
    addError(`Directive "@${dir.Name}" may not be used on ${dir.Location}.`, dir.Position);
  });
};

const knownFragmentNames: Rule = (ev, addError) => {
  ev.fragmentSpread.push((_w, spread) => {
    if (!spread.Definition) addError(`Unknown fragment "${spread.Name}".`, spread.Position);
  });
};

const knownRootType: Rule = (ev, addError) => {
  ev.operation.push((w, op) => {
    const def = op.Operation === "mutation" ? w.schema.Mutation : op.Operation === "subscription" ? w.schema.Subscription : w.schema.Query;
    if (!def) addError(`Schema does not support operation type "${op.Operation}"`, op.Position);
  });
};

const knownTypeNames: Rule = (ev, addError) => {
  ev.variable.push((w, v) => {
    const name = v.Type ? typeName(v.Type) : "";
    if (!w.schema.Types.has(name)) addError(`Unknown type "${name}".`, v.Position);
  });
  ev.inlineFragment.push((w, inline) => {
    if (inline.TypeCondition === "" || w.schema.Types.has(inline.TypeCondition)) return;
    addError(`Unknown type "${inline.TypeCondition}".`, inline.Position);
  });
  ev.fragment.push((w, frag) => {
    if (w.schema.Types.has(frag.TypeCondition)) return;
    addError(`Unknown type "${frag.TypeCondition}".` + suggestQuoted("Did you mean", frag.TypeCondition, [...w.schema.Types.keys()]), frag.Position);
  });
};

const loneAnonymousOperation: Rule = (ev, addError) => {
  ev.operation.push((w, op) => {
    if (op.Name === "" && (w.document.Operations ?? []).length > 1) addError("This anonymous operation must be the only defined operation.", op.Position);
  });
};

const LIST_FIELDS = new Set(["fields", "interfaces", "possibleTypes", "inputFields"]);

const maxIntrospectionDepth: Rule = (ev, addError) => {
  ev.field.push((_w, field) => {
    if (field.Name !== "__schema" && field.Name !== "__type") return;
    const visited = new Set<string>();
    const inSet = (set: Selection[] | null, depth: number): boolean => {
      for (const sel of set ?? []) {
        if (sel.$kind === "Field" && inField(sel.Name, sel.SelectionSet, depth)) return true;
        if (sel.$kind === "InlineFragment" && inSet(sel.SelectionSet, depth)) return true;
        if (sel.$kind === "FragmentSpread" && !visited.has(sel.Name) && sel.Definition) {
          visited.add(sel.Name);
          const exceeded = inSet(sel.Definition.SelectionSet, depth);
          visited.delete(sel.Name);
          if (exceeded) return true;
        }
      }
      return false;
    };
    const inField = (name: string, set: Selection[] | null, depth: number): boolean => {
      if (LIST_FIELDS.has(name) && ++depth >= 3) return true;
      return inSet(set, depth);
    };
    if (inField(field.Name, field.SelectionSet, 0)) addError("Maximum introspection depth exceeded", field.Position);
  });
};

function fragmentSpreads(set: Selection[] | null): FragmentSpread[] {
  const spreads: FragmentSpread[] = [];
  const stack: (Selection[] | null)[] = [set];
  while (stack.length) {
    for (const sel of stack.pop() ?? []) {
      if (sel.$kind === "FragmentSpread") spreads.push(sel);
      else stack.push(sel.SelectionSet);
    }
  }
  return spreads;
}

const noFragmentCycles: Rule = (ev, addError) => {
  const visited = new Set<string>();
  ev.fragment.push((w, fragment) => {
    const path: FragmentSpread[] = [];
    const indexByName = new Map<string, number>();
    const recurse = (frag: FragmentDefinition): void => {
      if (visited.has(frag.Name)) return;
      visited.add(frag.Name);
      const spreads = fragmentSpreads(frag.SelectionSet);
      if (!spreads.length) return;
      indexByName.set(frag.Name, path.length);
      for (const spread of spreads) {
        const cycleIndex = indexByName.get(spread.Name);
        path.push(spread);
        if (cycleIndex === undefined) {
          const next = forName(w.document.Fragments, spread.Name);
          if (next) recurse(next);
        } else {
          const names = path.slice(cycleIndex, path.length - 1).map((s) => s.Name);
          const via = names.length ? ` via ${names.join(", ")}` : "";
          addError(`Cannot spread fragment "${spread.Name}" within itself${via}.`, spread.Position);
        }
        path.pop();
      }
      indexByName.delete(frag.Name);
    };
    recurse(fragment);
  });
};

const noUndefinedVariables: Rule = (ev, addError) => {
  ev.value.push((w, value) => {
    const op = w.currentOperation;
    if (!op || value.Kind !== ValueKind.Variable || value.VariableDefinition) return;
    addError(op.Name !== "" ? `Variable "${valueString(value)}" is not defined by operation "${op.Name}".` : `Variable "${valueString(value)}" is not defined.`, value.Position);
  });
};

const noUnusedFragments: Rule = (ev, addError) => {
  let inFragmentDefinition = false;
  const used = new Set<string>();
  ev.fragmentSpread.push((_w, spread) => {
    if (!inFragmentDefinition) used.add(spread.Name);
  });
  ev.fragment.push((_w, frag) => {
    inFragmentDefinition = true;
    if (!used.has(frag.Name)) addError(`Fragment "${frag.Name}" is never used.`, frag.Position);
  });
};

const noUnusedVariables: Rule = (ev, addError) => {
  ev.operation.push((_w, op) => {
    for (const v of op.VariableDefinitions ?? []) {
      if (v.Used) continue;
      addError(op.Name !== "" ? `Variable "$${v.Variable}" is never used in operation "${op.Name}".` : `Variable "$${v.Variable}" is never used.`, v.Position);
    }
  });
};

const possibleFragmentSpreads: Rule = (ev, addError) => {
  const check = (w: Walker, parent: Definition | null, fragmentType: string, emit: () => void): void => {
    if (!parent) return;
    let parents: (Definition | undefined)[];
    if (parent.Kind === Kind.Object) parents = [parent];
    else if (parent.Kind === Kind.Interface || parent.Kind === Kind.Union) parents = possibleTypes(w.schema, parent);
    else return;
    const fragDef = w.schema.Types.get(fragmentType);
    if (!fragDef || !isCompositeType(fragDef)) return;
    for (const f of possibleTypes(w.schema, fragDef)) {
      for (const p of parents) if (p && f && p.Name === f.Name) return;
    }
    emit();
  };
  ev.inlineFragment.push((w, inline) => {
    check(w, inline.ObjectDefinition, inline.TypeCondition, () =>
      addError(`Fragment cannot be spread here as objects of type "${inline.ObjectDefinition!.Name}" can never be of type "${inline.TypeCondition}".`, inline.Position),
    );
  });
  ev.fragmentSpread.push((w, spread) => {
    if (!spread.Definition) return;
    const frag = spread.Definition;
    check(w, spread.ObjectDefinition, frag.TypeCondition, () =>
      addError(`Fragment "${spread.Name}" cannot be spread here as objects of type "${spread.ObjectDefinition!.Name}" can never be of type "${frag.TypeCondition}".`, spread.Position),
    );
  });
};

const providedRequiredArguments: Rule = (ev, addError) => {
  ev.field.push((_w, field) => {
    if (!field.Definition) return;
    for (const argDef of field.Definition.Arguments ?? []) {
      if (!argDef.Type?.NonNull || argDef.DefaultValue) continue;
      if (forName(field.Arguments, argDef.Name)) continue;
      addError(`Field "${field.Name}" argument "${argDef.Name}" of type "${typeString(argDef.Type)}" is required, but it was not provided.`, field.Position);
    }
  });
  ev.directive.push((_w, dir) => {
    if (!dir.Definition) return;
    for (const argDef of dir.Definition.Arguments ?? []) {
      if (!argDef.Type?.NonNull || argDef.DefaultValue) continue;
      if (forName(dir.Arguments, argDef.Name)) continue;
      addError(`Directive "@${dir.Definition.Name}" argument "${argDef.Name}" of type "${typeString(argDef.Type)}" is required, but it was not provided.`, dir.Position);
    }
  });
};

const scalarLeafs: Rule = (ev, addError) => {
  ev.field.push((w, field) => {
    if (!field.Definition?.Type) return;
    const t = w.schema.Types.get(typeName(field.Definition.Type));
    if (!t) return;
    const hasSelection = (field.SelectionSet ?? []).length > 0;
    if (isLeafType(t) && hasSelection) {
      addError(`Field "${field.Name}" must not have a selection since type "${t.Name}" has no subfields.`, field.Position);
    }
    if (!isLeafType(t) && !hasSelection) {
      addError(`Field "${field.Name}" of type "${typeString(field.Definition.Type)}" must have a selection of subfields. Did you mean "${field.Name} { ... }"?`, field.Position);
    }
  });
};

const singleFieldSubscriptions: Rule = (ev, addError) => {
  ev.operation.push((w, op) => {
    if (!w.schema.Subscription || op.Operation !== "subscription") return;
    const fields: { name: string; pos: Pos | null }[] = [];
    const inFragment = new Set<string>();
    const collect = (set: Selection[] | null): void => {
      for (const sel of set ?? []) {
        if (sel.$kind === "Field") fields.push({ name: sel.Name, pos: sel.Position });
        else if (sel.$kind === "InlineFragment") collect(sel.SelectionSet);
        else {
          if (!sel.Definition) return;
          if (!inFragment.has(sel.Definition.Name)) {
            inFragment.add(sel.Definition.Name);
            collect(sel.Definition.SelectionSet);
          }
        }
      }
    };
    collect(op.SelectionSet);
    const seen = new Set<string>();
    const unique = fields.filter((f) => (seen.has(f.name) ? false : (seen.add(f.name), true)));
    const name = op.Name !== "" ? `Subscription ${goQuote(op.Name)}` : "Anonymous Subscription";
    if (unique.length > 1) addError(`${name} must select only one top level field.`, unique[1]!.pos);
    for (const f of unique) if (f.name.startsWith("__")) addError(`${name} must not select an introspection top level field.`, f.pos);
  });
};

function checkUniqueArgs(args: readonly { Name: string; Position: Pos | null }[] | null, addError: AddError): void {
  const known = new Set<string>();
  for (const arg of args ?? []) {
    if (known.has(arg.Name)) addError(`There can be only one argument named "${arg.Name}".`, arg.Position);
    known.add(arg.Name);
  }
}

const uniqueArgumentNames: Rule = (ev, addError) => {
  ev.field.push((_w, field) => checkUniqueArgs(field.Arguments, addError));
  ev.directive.push((_w, dir) => checkUniqueArgs(dir.Arguments, addError));
};

const uniqueDirectivesPerLocation: Rule = (ev, addError) => {
  ev.directiveList.push((_w, dirs: Directive[] | null) => {
    const seen = new Set<string>();
    for (const dir of dirs ?? []) {
      if (seen.has(dir.Name) && !dir.Definition?.IsRepeatable) addError(`The directive "@${dir.Name}" can only be used once at this location.`, dir.Position);
      seen.add(dir.Name);
    }
  });
};

const uniqueFragmentNames: Rule = (ev, addError) => {
  const seen = new Set<string>();
  ev.fragment.push((_w, frag) => {
    if (seen.has(frag.Name)) addError(`There can be only one fragment named "${frag.Name}".`, frag.Position);
    seen.add(frag.Name);
  });
};

const uniqueInputFieldNames: Rule = (ev, addError) => {
  ev.value.push((_w, value) => {
    if (value.Kind !== ValueKind.ObjectValue) return;
    const seen = new Set<string>();
    for (const field of value.Children ?? []) {
      if (seen.has(field.Name)) addError(`There can be only one input field named "${field.Name}".`, field.Position);
      seen.add(field.Name);
    }
  });
};

const uniqueOperationNames: Rule = (ev, addError) => {
  const seen = new Set<string>();
  ev.operation.push((_w, op) => {
    if (seen.has(op.Name)) addError(`There can be only one operation named "${op.Name}".`, op.Position);
    seen.add(op.Name);
  });
};

const uniqueVariableNames: Rule = (ev, addError) => {
  ev.operation.push((_w, op) => {
    const seen = new Set<string>();
    for (const v of op.VariableDefinitions ?? []) {
      if (seen.has(v.Variable)) addError(`There can be only one variable named "${v.Variable}".`, v.Position);
      seen.add(v.Variable);
    }
  });
};

const BUILTIN_SCALARS = ["Int", "Float", "String", "Boolean", "ID"];

function unexpectedTypeMessage(v: GqlValue, expected: GqlType): string {
  const s = valueString(v);
  switch (typeString(expected)) {
    case "Int":
    case "Int!":
      return outOfInt32(v.Raw) ? `Int cannot represent non 32-bit signed integer value: ${s}` : `Int cannot represent non-integer value: ${s}`;
    case "String":
    case "String!":
    case "[String]":
      return `String cannot represent a non string value: ${s}`;
    case "Boolean":
    case "Boolean!":
      return `Boolean cannot represent a non boolean value: ${s}`;
    case "Float":
    case "Float!":
      return `Float cannot represent non numeric value: ${s}`;
    case "ID":
    case "ID!":
      return `ID cannot represent a non-string and non-integer value: ${s}`;
  }
  if (v.Definition?.Kind === Kind.Enum) return `Enum "${typeString(expected)}" cannot represent non-enum value: ${s}.`;
  return `Expected value of type "${typeString(expected)}", found ${s}.`;
}

const valuesOfCorrectType: Rule = (ev, addError) => {
  ev.value.push((_w, value) => {
    const def = value.Definition;
    const expected = value.ExpectedType;
    if (!def || !expected) return;
    const unexpected = (): void => addError(unexpectedTypeMessage(value, expected), value.Position);
    if (value.Kind === ValueKind.NullValue && expected.NonNull) {
      addError(`Expected value of type "${typeString(expected)}", found ${valueString(value)}.`, value.Position);
    }
    if (def.Kind === Kind.Scalar && !BUILTIN_SCALARS.includes(def.Name)) return;
    const enums = def.Kind === Kind.Enum ? (def.EnumValues ?? []).map((e) => e.Name) : [];
    if (valueFails(value)) unexpected();
    switch (value.Kind) {
      case ValueKind.NullValue:
        return;
      case ValueKind.ListValue:
        if (!expected.Elem) unexpected();
        return;
      case ValueKind.IntValue:
        if (!["Int", "Float", "ID"].includes(def.Name)) unexpected();
        return;
      case ValueKind.FloatValue:
        if (def.Name !== "Float") unexpected();
        return;
      case ValueKind.StringValue:
      case ValueKind.BlockValue:
        if (def.Kind === Kind.Enum) {
          addError(`Enum "${typeString(expected)}" cannot represent non-enum value: ${valueString(value)}.` + suggestQuoted("Did you mean the enum value", value.Raw, enums), value.Position);
        } else if (def.Name !== "String" && def.Name !== "ID") {
          unexpected();
        }
        return;
      case ValueKind.EnumValue:
        if (def.Kind !== Kind.Enum) {
          addError(unexpectedTypeMessage(value, expected) + suggestUnquoted("Did you mean the enum value", value.Raw, enums), value.Position);
        } else if (!forName(def.EnumValues, value.Raw)) {
          addError(`Value "${valueString(value)}" does not exist in "${typeString(expected)}" enum.` + suggestQuoted("Did you mean the enum value", value.Raw, enums), value.Position);
        }
        return;
      case ValueKind.BooleanValue:
        if (def.Name !== "Boolean") unexpected();
        return;
      case ValueKind.ObjectValue:
        objectValueErrors(value, def, addError);
        return;
    }
  });
};

function objectValueErrors(value: GqlValue, def: Definition, addError: AddError): void {
  for (const field of def.Fields ?? []) {
    if (field.Type?.NonNull && !forName(value.Children, field.Name) && !field.DefaultValue) {
      addError(`Field "${def.Name}.${field.Name}" of required type "${typeString(field.Type)}" was not provided.`, value.Position);
    }
  }
  if (forName(def.Directives, "oneOf")) {
    const children = value.Children ?? [];
    if (children.length !== 1) {
      addError(`OneOf Input Object "${def.Name}" must specify exactly one key.`, value.Position);
    } else {
      const v = children[0]!.Value;
      if (!v || v.Kind === ValueKind.NullValue) {
        addError(`Field "${def.Name}.${def.Fields?.[0]?.Name ?? ""}" must be non-null.`, v?.Position ?? null);
      } else if (v.Kind === ValueKind.Variable && v.VariableDefinition && !v.VariableDefinition.Type?.NonNull) {
        addError(`Variable "${v.VariableDefinition.Variable}" must be non-nullable to be used for OneOf Input Object "${def.Name}".`, v.Position);
      }
    }
  }
  const names = (def.Fields ?? []).map((f) => f.Name);
  for (const child of value.Children ?? []) {
    if (!forName(def.Fields, child.Name)) {
      addError(`Field "${child.Name}" is not defined by type "${def.Name}".` + suggestQuoted("Did you mean", child.Name, names), child.Position);
    }
  }
}

const variablesAreInputTypes: Rule = (ev, addError) => {
  ev.operation.push((_w, op) => {
    for (const v of op.VariableDefinitions ?? []) {
      if (v.Definition && !isInputType(v.Definition)) {
        addError(`Variable "$${v.Variable}" cannot be non-input type "${v.Type ? typeString(v.Type) : ""}".`, v.Position);
      }
    }
  });
};

const variablesInAllowedPosition: Rule = (ev, addError) => {
  ev.value.push((w, value) => {
    const varDef = value.VariableDefinition;
    const expected = value.ExpectedType;
    if (value.Kind !== ValueKind.Variable || !expected || !varDef || !w.currentOperation || !varDef.Type) return;
    const allowed = { ...expected };
    if (varDef.DefaultValue && varDef.DefaultValue.Kind !== ValueKind.NullValue && expected.NonNull) allowed.NonNull = false;
    if (value.ExpectedTypeHasDefault) allowed.NonNull = false;
    if (!isCompatible(varDef.Type, allowed)) {
      addError(`Variable "${valueString(value)}" of type "${typeString(varDef.Type)}" used in position expecting type "${typeString(expected)}".`, value.Position);
    }
  });
};

/** The rules in gqlparser's order. */
export const RULES: readonly Rule[] = [
  fieldsOnCorrectType,
  fragmentsOnCompositeTypes,
  knownArgumentNames,
  knownDirectives,
  knownFragmentNames,
  knownRootType,
  knownTypeNames,
  loneAnonymousOperation,
  maxIntrospectionDepth,
  noFragmentCycles,
  noUndefinedVariables,
  noUnusedFragments,
  noUnusedVariables,
  overlappingFieldsCanBeMerged,
  possibleFragmentSpreads,
  providedRequiredArguments,
  scalarLeafs,
  singleFieldSubscriptions,
  uniqueArgumentNames,
  uniqueDirectivesPerLocation,
  uniqueFragmentNames,
  uniqueInputFieldNames,
  uniqueOperationNames,
  uniqueVariableNames,
  valuesOfCorrectType,
  variablesAreInputTypes,
  variablesInAllowedPosition,
];
