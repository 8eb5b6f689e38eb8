/**
 * Lexical scopes of a rule: each body level (rule, comprehension, `every`, `not { }`)
 * is a scope; all of a rule's scopes share one frame, so every local has its own slot.
 */
import type { Location } from "../ast/location.js";
import type { PLocal } from "./plan.js";

/** Hands out slots in one rule's frame. */
export class Frame {
  size = 0;
  /** Slot → name, for bindings and messages. */
  readonly names: string[] = [];

  allocate(name: string): number {
    this.names.push(name);
    return this.size++;
  }
}

export class Scope {
  readonly frame: Frame;
  readonly parent: Scope | undefined;
  readonly #vars = new Map<string, number>();
  /** Every slot declared here, including those a later declaration of the same name hides. */
  readonly #own: number[] = [];

  constructor(frame: Frame, parent?: Scope) {
    this.frame = frame;
    this.parent = parent;
  }

  child(): Scope {
    return new Scope(this.frame, this);
  }

  /** A new local in this scope (shadowing any outer one). */
  declare(name: string): number {
    const slot = this.frame.allocate(name);
    this.#vars.set(name, slot);
    this.#own.push(slot);
    return slot;
  }

  /**
   * Slots declared in this scope itself. Hidden locals share a name (`$key` for each
   * `some x in xs`), so the map alone would lose all but the last of them.
   */
  ownSlots(): number[] {
    return [...this.#own];
  }

  hasOwn(name: string): boolean {
    return this.#vars.has(name);
  }

  /** The slot of `name` in this scope or an enclosing one. */
  lookup(name: string): number | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const slot = s.#vars.get(name);
      if (slot !== undefined) return slot;
    }
    return undefined;
  }

  local(name: string, loc: Location): PLocal | undefined {
    const slot = this.lookup(name);
    return slot === undefined ? undefined : { k: "local", slot, name, loc };
  }
}
