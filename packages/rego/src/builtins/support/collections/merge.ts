/**
 * Recursive object union (`object.union`, `object.union_n`): keys of the right-hand
 * object win, except that two objects under the same key are merged recursively.
 */
import { ObjectBuilder, ValueMap, isObject, isPlainObject, objectSome, type ObjectValue, type Value } from "../../../ast/value.js";

/** `object.union(a, b)`. */
export function mergeWithOverwrite(a: ObjectValue, b: ObjectValue): ObjectValue {
  const out = new ObjectBuilder();
  eachEntry(a, (k, v) => out.set(k, v));
  eachEntry(b, (k, v) => {
    const old = out.get(k);
    out.set(k, old !== undefined && isObject(old) && isObject(v) ? mergeWithOverwrite(old, v) : v);
  });
  return out.build();
}

/** Every entry, in no particular order: a union's result does not depend on it. */
function eachEntry(o: ObjectValue, f: (k: Value, v: Value) => void): void {
  if (isPlainObject(o)) {
    for (const k of Object.keys(o)) f(k, o[k]!);
    return;
  }
  objectSome(o, (k, v) => (f(k, v), false));
}

/**
 * A union under construction: objects met under the same key are merged in place
 * (copied on first write), so folding many objects stays linear in their size.
 */
class MergeNode {
  readonly #entries = new ValueMap<[Value, Value | MergeNode]>();

  static of(o: ObjectValue): MergeNode {
    const n = new MergeNode();
    n.merge(o);
    return n;
  }

  merge(o: ObjectValue): void {
    objectSome(o, (k, v) => {
      const old = this.#entries.get(k);
      if (old && isObject(v)) {
        const cur = old[1];
        if (cur instanceof MergeNode) {
          cur.merge(v);
          return false;
        }
        if (isObject(cur)) {
          const node = MergeNode.of(cur);
          node.merge(v);
          old[1] = node;
          return false;
        }
      }
      this.#entries.set(k, [k, v]);
      return false;
    });
  }

  build(): ObjectValue {
    const out = new ObjectBuilder();
    for (const [k, v] of this.#entries.values()) out.set(k, v instanceof MergeNode ? v.build() : v);
    return out.build();
  }
}

/** `object.union_n(objects)`: the union of all objects, folded left to right. */
export function mergeAll(objects: readonly ObjectValue[]): ObjectValue {
  const root = new MergeNode();
  for (const o of objects) root.merge(o);
  return root.build();
}
