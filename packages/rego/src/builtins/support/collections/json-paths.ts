/**
 * Paths for `json.filter` and `json.remove`, as OPA reads them: either a
 * `/`-separated JSON-pointer-like string (leading slashes trimmed, `~1` and `~0`
 * unescaped) or an array of path segments. A set of paths is folded into a tree of
 * keys whose leaves select whole subtrees (OPA's `pathsToObject`).
 */
import { RSet, ValueMap, isObject, objectSome, ObjectBuilder, typeName, type Value } from "../../../ast/value.js";
import { OperandError } from "../../operands.js";

/** A path as its segments. */
export type Path = readonly Value[];

/** One JSON path: a string (`"a/b/~1c"`) or an array of segments. */
export function parsePath(p: Value, pos = 2): Path {
  if (typeof p === "string") {
    if (p === "") return [];
    return p
      .replace(/^\/+/, "")
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
  }
  if (Array.isArray(p)) return p;
  throw new OperandError(`operand ${pos} must be one of {set, array} containing string paths or array of path segments but got ${typeName(p)}`);
}

/** The paths operand of `json.filter` / `json.remove`: an array or set of paths. */
export function pathsOperand(v: Value, pos = 2): Path[] {
  const items = Array.isArray(v) ? v : v instanceof RSet ? v.sorted() : undefined;
  if (!items) throw OperandError.type(pos, v, "set", "array");
  return items.map((p) => parsePath(p, pos));
}

/**
 * A tree of keys: a leaf (`null`) selects the whole value below it. Equivalent to
 * the object OPA builds with `null` leaves.
 */
export class PathTree {
  readonly children = new ValueMap<[Value, PathTree | null]>();

  get(k: Value): PathTree | null | undefined {
    return this.children.get(k)?.[1];
  }

  get size(): number {
    return this.children.size;
  }

  static of(paths: readonly Path[]): PathTree {
    const root = new PathTree();
    for (const path of paths) {
      if (path.length === 0) continue;
      let node: PathTree = root;
      let done = false;
      for (let i = 0; i < path.length - 1; i++) {
        const next = node.get(path[i]!);
        if (next === undefined) {
          const child = new PathTree();
          node.children.set(path[i]!, [path[i]!, child]);
          node = child;
        } else if (next === null) {
          done = true;
          break;
        } else {
          node = next;
        }
      }
      if (!done) node.children.set(path[path.length - 1]!, [path[path.length - 1]!, null]);
    }
    return root;
  }
}

/** OPA's `filterObject`: keeps only what the tree selects. */
export function filterValue(v: Value, tree: PathTree | null): Value {
  if (tree === null) return v;
  if (Array.isArray(v)) {
    const out: Value[] = [];
    for (let i = 0; i < v.length; i++) {
      // Array positions are looked up as strings ("0", "1", ...), as in OPA.
      const sub = tree.get(String(i));
      if (sub !== undefined) out.push(filterValue(v[i]!, sub));
    }
    return out;
  }
  if (v instanceof RSet) {
    const out = new RSet();
    for (const x of v) {
      const sub = tree.get(x);
      if (sub !== undefined) out.add(filterValue(x, sub));
    }
    return out;
  }
  if (isObject(v)) {
    const out = new ObjectBuilder();
    objectSome(v, (k, x) => {
      const sub = tree.get(k);
      if (sub !== undefined) out.set(k, filterValue(x, sub));
      return false;
    });
    return out.build();
  }
  return v;
}

/** OPA's `jsonRemove`: drops what the tree's leaves select; undefined when `v` itself goes. */
export function removeValue(v: Value, tree: PathTree | null | undefined): Value | undefined {
  if (tree === undefined) return v;
  if (tree === null) return undefined;
  if (Array.isArray(v)) {
    const out: Value[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = removeValue(v[i]!, tree.get(String(i)));
      if (x !== undefined) out.push(x);
    }
    return out;
  }
  if (v instanceof RSet) {
    const out = new RSet();
    for (const x of v) {
      const y = removeValue(x, tree.get(x));
      if (y !== undefined) out.add(y);
    }
    return out;
  }
  if (isObject(v)) {
    const out = new ObjectBuilder();
    objectSome(v, (k, x) => {
      const y = removeValue(x, tree.get(k));
      if (y !== undefined) out.set(k, y);
      return false;
    });
    return out.build();
  }
  return v;
}
