/** Merging data documents into one tree at given paths, as OPA's loader does. */
import { isObject, objectGet, type Value, type JsonObject } from "@regolith/rego";
import { CliError } from "../exit-codes.js";

export type MutableTree = Record<string, Value>;

/**
 * Puts `value` at `path` in `root`, merging objects key by key; anything else (a list,
 * a number, null) lands there as it is when nothing else is there, and must not collide.
 */
export function mergeAt(root: MutableTree, path: readonly string[], value: Value, source: string): void {
  if (!isObject(value)) {
    if (path.length === 0) throw new CliError(`${source}: the root data document must be an object`);
    const parent = descend(root, path.slice(0, -1), path, source);
    const last = path[path.length - 1]!;
    if (objectGet(parent, last) !== undefined) throw new CliError(`${source}: merge error: data.${path.join(".")} is defined more than once`);
    parent[last] = value;
    return;
  }
  mergeObjects(descend(root, path, path, source), value as JsonObject, path, source);
}

/** The object at `steps` in `root`, made where missing; `path` is the whole path, for messages. */
function descend(root: MutableTree, steps: readonly string[], path: readonly string[], source: string): MutableTree {
  let node = root;
  for (const key of steps) {
    const existing = node[key];
    if (existing === undefined) {
      const next: MutableTree = {};
      node[key] = next;
      node = next;
    } else if (isObject(existing)) {
      node = existing as MutableTree;
    } else {
      throw new CliError(`${source}: merge error: data.${path.join(".")} conflicts with a value already loaded`);
    }
  }
  return node;
}

function mergeObjects(into: MutableTree, from: JsonObject, path: readonly string[], source: string): void {
  for (const key of Object.keys(from)) {
    const incoming = from[key]!;
    const existing = objectGet(into, key);
    if (existing === undefined) {
      into[key] = incoming;
    } else if (isObject(existing) && isObject(incoming)) {
      const copy: MutableTree = { ...(existing as JsonObject) };
      into[key] = copy;
      mergeObjects(copy, incoming as JsonObject, [...path, key], source);
    } else {
      throw new CliError(`${source}: merge error: data.${[...path, key].join(".")} is defined more than once`);
    }
  }
}
