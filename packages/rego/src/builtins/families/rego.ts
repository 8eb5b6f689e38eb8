/**
 * `rego.*`: declarations the compiler answers itself. `rego.metadata.rule()` and
 * `rego.metadata.chain()` are replaced at compile time by the annotations in force
 * (OPA's RewriteRegoMetadataCalls), so they have no run-time implementation.
 */
import { defineBuiltin, t, type Builtin } from "../types.js";
import { BuiltinError, string } from "../operands.js";

export const regoBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "rego.metadata.rule",
    args: [],
    result: { name: "output", type: t.any, description: "the rule's or document's annotation, or an empty object" },
    categories: ["rego"],
    description: "Returns the annotation of the rule (or, failing that, of its document) the call is in.",
  }),
  defineBuiltin({
    name: "rego.metadata.chain",
    args: [],
    result: { name: "chain", type: t.array(t.any), description: "annotations from the rule out to the root package, with their paths" },
    categories: ["rego"],
    description: "Returns the chain of annotations in force for the rule the call is in: rule, document, package and subpackages scopes.",
  }),
  defineBuiltin({
    name: "rego.parse_module",
    args: [
      { name: "filename", type: t.string, description: "file name to attach to AST nodes' locations" },
      { name: "rego", type: t.string, description: "Rego module" },
    ],
    result: { name: "output", type: t.object(t.string, t.any), description: "the module's AST, in OPA's JSON form" },
    categories: ["encoding"],
    description: "Parses the input Rego string and returns an object representation of the AST.",
    impl: (args, ctx) => {
      const file = string(args, 1);
      const source = string(args, 2);
      if (!ctx.parseModule) throw new BuiltinError("no parser is available to this evaluation");
      return ctx.parseModule(file, source);
    },
  }),
];
