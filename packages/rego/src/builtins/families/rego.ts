/**
 * `rego.*`: declarations the compiler answers itself. `rego.metadata.rule()` and
 * `rego.metadata.chain()` are replaced at compile time by the annotations in force
 * (OPA's RewriteRegoMetadataCalls), so they have no run-time implementation.
 */
import { defineBuiltin, t, type Builtin } from "../types.js";

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
];
