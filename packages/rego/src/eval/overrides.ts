/**
 * `with data.a.b as v` replacements, as a tree by path. A replacement hides whatever
 * base or virtual document was at its path; values above it are patched.
 */
import type { Location } from "../ast/location.js";
import { ObjectBuilder, isObject, objectGet, objectSome, type Value } from "../ast/value.js";

export class OverrideNode {
  value: Value | undefined;
  readonly children = new Map<string, OverrideNode>();

  /** A copy of this tree with `value` set at `path`. */
  with(path: readonly string[], value: Value): OverrideNode {
    const copy = this.#clone();
    let n = copy;
    for (const key of path) {
      const child = n.children.get(key);
      const next = child ? child.#clone() : new OverrideNode();
      n.children.set(key, next);
      n = next;
    }
    n.value = value;
    n.children.clear();
    return copy;
  }

  #clone(): OverrideNode {
    const c = new OverrideNode();
    c.value = this.value;
    for (const [k, v] of this.children) c.children.set(k, v);
    return c;
  }
}

/**
 * `value` with the replacements below `node` written in. A replacement below a value
 * that is not an object replaces it with an object (`with input.a as 1 with
 * input.a.b as 2` gives `{"a": {"b": 2}}`), as OPA does.
 */
export function patch(value: Value | undefined, node: OverrideNode, loc: Location): Value | undefined {
  if (node.value !== undefined) return node.value;
  if (node.children.size === 0) return value;
  void loc;
  const b = new ObjectBuilder();
  if (value !== undefined && isObject(value)) {
    objectSome(value, (k, v) => {
      if (typeof k !== "string" || !node.children.has(k)) b.set(k, v);
      return false;
    });
  }
  for (const [k, child] of node.children) {
    const existing = value === undefined || !isObject(value) ? undefined : objectGet(value, k);
    const patched = patch(existing, child, loc);
    if (patched !== undefined) b.set(k, patched);
  }
  return b.build();
}
