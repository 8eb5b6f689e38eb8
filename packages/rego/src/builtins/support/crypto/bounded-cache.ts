/**
 * A small least-recently-used map for parsed inputs that recur across queries
 * (certificates, JWK sets). Cached values must be immutable.
 */
export class BoundedCache<V> {
  readonly #max: number;
  readonly #map = new Map<string, V>();

  constructor(max: number) {
    this.#max = max;
  }

  /** The cached value for `key`, computing and storing it on a miss. Errors are not cached. */
  get(key: string, compute: () => V): V {
    const hit = this.#map.get(key);
    if (hit !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, hit);
      return hit;
    }
    const v = compute();
    this.#map.set(key, v);
    if (this.#map.size > this.#max) this.#map.delete(this.#map.keys().next().value!);
    return v;
  }
}
