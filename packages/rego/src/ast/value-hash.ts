/**
 * Structural hashes of Rego values, consistent with Rego equality: equal values (`1`
 * and `1.0` included) hash alike. Maps keyed by composite values bucket by this hash
 * and confirm with `equalValues`, so a set of large objects (findings) keeps no
 * canonical copy of each element and hashes each string once per use.
 */
import { numberKey, RNumber } from "./number.js";
import { RSet, RObject, type Value, type JsonObject } from "./value.js";

// Distinct seeds keep `[]`, `{}` and `<>` (and `"a"` inside each) apart.
const SEED_ARRAY = 0x9e3779b1;
const SEED_OBJECT = 0x85ebca77;
const SEED_SET = 0xc2b2ae3d;

/** The avalanche step of MurmurHash3's finalizer: spreads every input bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  // 30 bits: a small integer to V8, so a Map keyed by it neither boxes nor allocates.
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

// The builtin is called directly and the length read once: after a policy has run, the
// feedback of `s.charCodeAt` and `s.length` is megamorphic over V8's string
// representations (flat, cons, sliced, thin, internalized), and each character would
// then cost a generic property load and call. Measured on the gate benchmark, hashing
// the findings took about 4x longer that way.
const charCodeAt = String.prototype.charCodeAt;

function hashString(s: string): number {
  const n = s.length;
  let h = 0x811c9dc5 ^ n;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ charCodeAt.call(s, i), 0x01000193);
  return mix(h);
}

// Long strings recur by identity (a check's remediation text is in each of its
// findings); a Map finds them by V8's own cached string hash instead of a rescan.
const LONG = 256;
const LIMIT = 4096;
let longHashes = new Map<string, number>();

function hashLongString(s: string): number {
  let h = longHashes.get(s);
  if (h === undefined) {
    h = hashString(s);
    if (longHashes.size >= LIMIT) longHashes = new Map();
    longHashes.set(s, h);
  }
  return h;
}

function hashNumberKey(key: number | bigint | string): number {
  if (typeof key === "number" && (key | 0) === key) return mix(key ^ 0x27d4eb2f);
  return hashString("#" + String(key));
}

export function hashValue(v: Value): number {
  switch (typeof v) {
    case "string":
      return v.length > LONG ? hashLongString(v) : hashString(v);
    case "number":
      return hashNumberKey(numberKey(v));
    case "boolean":
      return v ? 0x3c6ef372 : 0x1b873593;
  }
  if (v === null) return 0x6a09e667;
  if (v instanceof RNumber) return hashNumberKey(numberKey(v));
  if (Array.isArray(v)) {
    let h = SEED_ARRAY ^ v.length;
    for (let i = 0; i < v.length; i++) h = Math.imul(h ^ hashValue(v[i]), 0x01000193);
    return mix(h);
  }
  // Objects and sets: entry hashes are summed, so the order they are visited in is free.
  let sum = 0;
  if (v instanceof RSet) {
    for (const e of v.unordered()) sum = (sum + hashValue(e)) | 0;
    return mix(sum ^ SEED_SET ^ v.size);
  }
  if (v instanceof RObject) {
    for (const [k, x] of v.entries()) sum = (sum + entryHash(hashValue(k), hashValue(x))) | 0;
    return mix(sum ^ SEED_OBJECT ^ v.size);
  }
  const o = v as JsonObject;
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) sum = (sum + entryHash(hashString(keys[i]!), hashValue(o[keys[i]!]!))) | 0;
  return mix(sum ^ SEED_OBJECT ^ keys.length);
}

function entryHash(k: number, v: number): number {
  return mix(Math.imul(k, 0x01000193) ^ v);
}
