/**
 * Builds the object a node's rules define, one contribution at a time: a value, or a
 * set element, at a path of keys. Conflicting contributions raise
 * `eval_conflict_error` ("object keys must be unique").
 */
import { equalValues } from "../ast/compare.js";
import { ErrorCode, RegoError } from "../ast/errors.js";
import type { Location } from "../ast/location.js";
import { ObjectBuilder, RSet, ValueMap, isObject, objectSome, type Value } from "../ast/value.js";

type ObjectSlot = { kind: "object"; entries: ValueMap<[Value, Slot]> };
type Slot = ObjectSlot | { kind: "value"; value: Value } | { kind: "set"; set: RSet };

/** A value as a slot: objects become object slots all the way down, so rules can add below them. */
function slotOf(value: Value): Slot {
  if (value instanceof RSet) return { kind: "set", set: new RSet(value) };
  if (!isObject(value)) return { kind: "value", value };
  const entries = new ValueMap<[Value, Slot]>();
  objectSome(value, (k, v) => {
    entries.set(k, [k, slotOf(v)]);
    return false;
  });
  return { kind: "object", entries };
}

function mergeSlot(parent: ObjectSlot, key: Value, incoming: Slot, loc: Location): void {
  const found = parent.entries.get(key);
  if (!found) {
    parent.entries.set(key, [key, incoming]);
    return;
  }
  const existing = found[1];
  if (existing.kind === "object" && incoming.kind === "object") {
    for (const [k, child] of incoming.entries.values()) mergeSlot(existing, k, child, loc);
  } else if (existing.kind === "set" && incoming.kind === "set") {
    for (const v of incoming.set) existing.set.add(v);
  } else if (!(existing.kind === "value" && incoming.kind === "value" && equalValues(existing.value, incoming.value))) {
    throw conflict(loc);
  }
}

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
        // A rule's value is a leaf: other rules cannot reach into it.
        throw conflict(loc);
      }
    }
  }

  /** Merges a whole document (a child node's value, base data) in at `key`. */
  merge(key: Value, value: Value, loc: Location): void {
    mergeSlot(this.#root as ObjectSlot, key, slotOf(value), loc);
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
