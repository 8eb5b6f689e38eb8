/**
 * `strings.render_template`: Go's text/template over the variables, which OPA hands
 * to Go as JSON (numbers as `json.Number`). Parse and execution errors become
 * builtin errors with Go's messages.
 */
import type { ObjectValue } from "../../../ast/value.js";
import { BuiltinError } from "../../operands.js";
import { ExecError, execute } from "./exec.js";
import { TemplateError, parseTemplate, type Parsed } from "./parse.js";
import { fromRego } from "./value.js";

const cache = new Map<string, Parsed>();
const CACHE_LIMIT = 256;

export function renderTemplate(text: string, vars: ObjectValue): string {
  try {
    let tree = cache.get(text);
    if (!tree) {
      tree = parseTemplate(text);
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(text, tree);
    }
    return execute(tree, text, fromRego(vars));
  } catch (e) {
    if (e instanceof TemplateError || e instanceof ExecError) throw new BuiltinError(e.message);
    throw e;
  }
}
