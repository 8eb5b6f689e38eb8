/**
 * Builds the object a node's rules define, one contribution at a time: a value, or a
 * set element, at a path of keys. Conflicting contributions raise
 * `eval_conflict_error` ("object keys must be unique").
 */
import { equalValues } from "../ast/compare.js";
import { ErrorCode, RegoError } from "../ast/errors.js";
import type { Location } from "../ast/location.js";
import { ObjectBuilder, RSet, ValueMap, isObject, objectSome, type Value } from "../ast/value.js";

type Slot = { kind: "object"; entries: ValueMap<[Value, Slot]> } | { kind: "value"; value: Value } | { kind: "set"; set: RSet };

const KEYS_MUST_BE_UNIQUE = "object keys must be unique";

export class DocumentBuilder {
  #root: Slot = { kind: "object", entries: new ValueMap() };

  /** Puts `value` at `keys` (a leaf value), or adds it to the set there when `element`. */
  add(keys: readonly Value[], value: Value, element: boolean, loc: Location): void {
    let slot = this.#root;
    for (let i = 0; i < keys.length; i++) {
      if (slot.kind !== "object") throw conflict(loc);
      const key = keys[i]!;
      const last = i === keys.length - 1;
      const found = slot.entries.get(key);
      if (!last) {
        if (found) {
          slot = found[1];
          continue;
        }
        const next: Slot = { kind: "object", entries: new ValueMap() };
        slot.entries.set(key, [key, next]);
        slot = next;
        continue;
      }
      if (element) {
        if (!found) slot.entries.set(key, [key, { kind: "set", set: new RSet([value]) }]);
        else if (found[1].kind === "set") found[1].set.add(value);
        else throw conflict(loc);
      } else if (!found) {
        slot.entries.set(key, [key, { kind: "value", value }]);
      } else if (found[1].kind !== "value" || !equalValues(found[1].value, value)) {
        if (found[1].kind === "object" && isObject(value)) this.#mergeInto(found[1], value, loc);
        else throw conflict(loc);
      }
    }
  }

  /** Merges a whole document (a child node's value, base data) in at `key`. */
  merge(key: Value, value: Value, loc: Location): void {
    const root = this.#root as Extract<Slot, { kind: "object" }>;
    const found = root.entries.get(key);
    if (!found) {
      root.entries.set(key, [key, { kind: "value", value }]);
      return;
    }
    if (found[1].kind === "object" && isObject(value)) this.#mergeInto(found[1], value, loc);
    else if (found[1].kind === "value" && equalValues(found[1].value, value)) return;
    else throw conflict(loc);
  }

  #mergeInto(slot: Extract<Slot, { kind: "object" }>, value: Value, loc: Location): void {
    if (!isObject(value)) throw conflict(loc);
    objectSome(value, (k, v) => {
      const found = slot.entries.get(k);
      if (!found) slot.entries.set(k, [k, { kind: "value", value: v }]);
      else if (found[1].kind === "object" && isObject(v)) this.#mergeInto(found[1], v, loc);
      else if (!(found[1].kind === "value" && equalValues(found[1].value, v))) throw conflict(loc);
      return false;
    });
  }

  build(): Value {
    return toValue(this.#root);
  }
}

function conflict(loc: Location): RegoError {
  return new RegoError(ErrorCode.EvalConflictError, KEYS_MUST_BE_UNIQUE, loc);
}

function toValue(slot: Slot): Value {
  switch (slot.kind) {
    case "value":
      return slot.value;
    case "set":
      return slot.set;
    case "object": {
      const b = new ObjectBuilder();
      for (const [k, child] of slot.entries.values()) b.set(k, toValue(child));
      return b.build();
    }
  }
}
