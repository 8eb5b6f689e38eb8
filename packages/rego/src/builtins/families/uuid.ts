/**
 * UUIDs and random numbers. `uuid.rfc4122` and `rand.intn` are non-deterministic:
 * the evaluator answers the same arguments the same way within one query.
 * `uuid.parse` accepts what google/uuid accepts and describes the fields as OPA does.
 */
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { numberFromBigInt, type NumberValue } from "../../ast/number.js";
import { ObjectBuilder } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { int, string } from "../operands.js";

function hexPair(hi: number, lo: number): number {
  const h = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1);
  const a = h(hi);
  const b = h(lo);
  return a < 0 || b < 0 ? -1 : (a << 4) | b;
}

const GROUP_OFFSETS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/** google/uuid's `Parse`: the 16 bytes, or undefined. Lengths are in UTF-8 bytes. */
export function parseUUID(text: string): Uint8Array | undefined {
  let s = Buffer.from(text, "utf8");
  const out = new Uint8Array(16);
  switch (s.length) {
    case 36:
      break;
    case 45:
      if (s.subarray(0, 9).toString("latin1").toLowerCase() !== "urn:uuid:") return undefined;
      s = s.subarray(9);
      break;
    case 38:
      s = s.subarray(1); // the braces themselves are never looked at
      break;
    case 32:
      for (let i = 0; i < 16; i++) {
        const v = hexPair(s[2 * i]!, s[2 * i + 1]!);
        if (v < 0) return undefined;
        out[i] = v;
      }
      return out;
    default:
      return undefined;
  }
  if (s[8] !== 0x2d || s[13] !== 0x2d || s[18] !== 0x2d || s[23] !== 0x2d) return undefined;
  for (let i = 0; i < 16; i++) {
    const x = GROUP_OFFSETS[i]!;
    const v = hexPair(s[x]!, s[x + 1]!);
    if (v < 0) return undefined;
    out[i] = v;
  }
  return out;
}

function variantName(b: number): string {
  if ((b & 0xc0) === 0x80) return "RFC4122";
  if ((b & 0xe0) === 0xc0) return "Microsoft";
  if ((b & 0xe0) === 0xe0) return "Future";
  return "Reserved";
}

function macVariables(b: number): string {
  if ((b & 3) === 3) return "local:multicast";
  if (b & 1) return "global:multicast";
  if (b & 2) return "local:unicast";
  return "global:unicast";
}

const DOMAINS = ["Person", "Group", "Org"];
/** 100 ns intervals between 1582-10-15 (the UUID epoch) and 1970-01-01. */
const GREGORIAN_OFFSET = 122192928000000000n;

/** Nanoseconds since 1970 of a v1/v2 UUID's timestamp, wrapping like Go's int64. */
function unixNanos(u: Uint8Array): NumberValue {
  const low = BigInt(((u[0]! << 24) | (u[1]! << 16) | (u[2]! << 8) | u[3]!) >>> 0);
  const mid = BigInt((u[4]! << 8) | u[5]!);
  const high = BigInt(((u[6]! << 8) | u[7]!) & 0xfff);
  const ticks = low | (mid << 32n) | (high << 48n);
  const since = ticks - GREGORIAN_OFFSET;
  const sec = since / 10_000_000n;
  const nsec = (since % 10_000_000n) * 100n;
  return numberFromBigInt(BigInt.asIntN(64, BigInt.asIntN(64, sec * 1_000_000_000n) + nsec));
}

function describeUUID(u: Uint8Array): ReturnType<ObjectBuilder["build"]> {
  const o = new ObjectBuilder();
  const version = u[6]! >> 4;
  o.set("version", version);
  o.set("variant", variantName(u[8]!));
  if (version === 1 || version === 2) {
    o.set("time", unixNanos(u));
    o.set("nodeid", Array.from(u.subarray(10), (b) => b.toString(16).padStart(2, "0")).join("-"));
    o.set("macvariables", macVariables(u[10]!));
    o.set("clocksequence", ((u[8]! << 8) | u[9]!) & 0x3fff);
    if (version === 2) {
      o.set("id", ((u[0]! << 24) | (u[1]! << 16) | (u[2]! << 8) | u[3]!) >>> 0);
      o.set("domain", DOMAINS[u[9]!] ?? `Domain${u[9]}`);
    }
  }
  return o.build();
}

/** A uniformly random integer in [0, n), n a positive safe integer. */
function randomBelow(n: number): number {
  if (n <= 2 ** 48) return randomInt(n);
  const bound = BigInt(n);
  const limit = (1n << 64n) - ((1n << 64n) % bound);
  for (;;) {
    const x = randomBytes(8).readBigUInt64BE();
    if (x < limit) return Number(x % bound);
  }
}

export const uuidBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "uuid.rfc4122",
    args: [{ name: "k", type: t.string, description: "seed string" }],
    result: {
      name: "output",
      type: t.string,
      description: "a version 4 UUID; for any given `k`, the output will be consistent throughout a query evaluation",
    },
    categories: ["uuid"],
    description: "Returns a new UUIDv4.",
    nondeterministic: true,
    // Like OPA, the key is not type-checked at run time: any value keys the cache.
    impl: () => randomUUID(),
  }),
  defineBuiltin({
    name: "uuid.parse",
    args: [{ name: "uuid", type: t.string, description: "UUID string to parse" }],
    result: {
      name: "result",
      type: t.object(t.string, t.any),
      description: "Properties of UUID if valid (version, variant, etc). Undefined otherwise.",
    },
    categories: ["uuid"],
    description: "Parses the string value as an UUID and returns an object with the well-defined fields of the UUID if valid.",
    impl: (args) => {
      const u = parseUUID(string(args, 1));
      return u ? describeUUID(u) : undefined;
    },
  }),
  defineBuiltin({
    name: "rand.intn",
    args: [
      { name: "str", type: t.string, description: "seed string for the random number" },
      { name: "n", type: t.number, description: "upper bound of the random number (exclusive)" },
    ],
    result: { name: "y", type: t.number, description: "random integer in the range `[0, abs(n))`" },
    categories: ["numbers"],
    description:
      "Returns a random integer between `0` and `n` (`n` exclusive). If `n` is `0`, then `y` is always `0`. For any given argument pair (`str`, `n`), the output will be consistent throughout a query evaluation.",
    nondeterministic: true,
    impl: (args, ctx) => {
      const s = string(args, 1);
      const n = Math.abs(int(args, 2));
      if (n === 0) return 0;
      // OPA keys its cache by |n|: rand.intn(s, -5) and rand.intn(s, 5) agree.
      const key = `rand.intn\u0000${s}\u0000${n}`;
      const hit = ctx.cache.get(key);
      if (typeof hit === "number") return hit;
      const r = randomBelow(n);
      ctx.cache.set(key, r);
      return r;
    },
  }),
];
