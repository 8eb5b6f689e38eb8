/**
 * Semantic versions, parsed as OPA's internal/semver does: an optional leading `v`,
 * `major.minor.patch` as decimal int64s (leading zeros accepted), then optional
 * `-pre.release` and `+build` identifiers of `[0-9A-Za-z-]`.
 */
import { defineBuiltin, t, type Builtin } from "../types.js";
import { BuiltinError, string } from "../operands.js";
import { quote as goQuote } from "../support/gofmt/quote.js";

interface Version {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: string;
}

const IDENTIFIERS = /^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/;
const INT64_MAX = (1n << 63n) - 1n;

function cut(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + 1)];
}

function parseInt64(s: string): bigint | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n > INT64_MAX ? undefined : n;
}

function parseVersion(text: string): Version | undefined {
  let s = text.startsWith("v") ? text.slice(1) : text;
  let meta: string;
  let pre: string;
  [s, meta] = cut(s, "+");
  if (meta !== "" && !IDENTIFIERS.test(meta)) return undefined;
  [s, pre] = cut(s, "-");
  if (pre !== "" && !IDENTIFIERS.test(pre)) return undefined;
  const parts = s.split(".");
  if (parts.length !== 3) return undefined;
  const [major, minor, patch] = parts.map(parseInt64);
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  return { major, minor, patch, pre };
}

function cmp<T>(a: T, b: T): number {
  return a > b ? 1 : a < b ? -1 : 0;
}

const DECIMALS = /^[0-9]+$/;

/** Go's `strconv.Atoi` on an all-digit string: clamped to int64. */
function atoi(s: string): bigint {
  const n = BigInt(s);
  return n > INT64_MAX ? INT64_MAX : n;
}

function comparePre(x: string, y: string): number {
  let [a, restA] = cut(x, ".");
  let [b, restB] = cut(y, ".");
  for (;;) {
    if (a === "" && b !== "") return -1;
    if (a !== "" && b === "") return 1;
    const aInt = DECIMALS.test(a);
    const bInt = DECIMALS.test(b);
    if (aInt !== bInt) return aInt ? -1 : 1;
    const c = aInt ? cmp(atoi(a), atoi(b)) : cmp(a, b);
    if (c !== 0) return c;
    if (restA !== "" && restB === "") return 1;
    if (restA === "" && restB !== "") return -1;
    if (restA === "" && restB === "") return 0;
    [a, restA] = cut(restA, ".");
    [b, restB] = cut(restB, ".");
  }
}

function compareVersions(a: Version, b: Version): number {
  const c = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch);
  if (c !== 0 || a.pre === b.pre) return c;
  if (a.pre === "") return 1;
  if (b.pre === "") return -1;
  return comparePre(a.pre, b.pre);
}

export const semverBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "semver.is_valid",
    args: [{ name: "vsn", type: t.any, description: "input to validate" }],
    result: { name: "result", type: t.boolean, description: "`true` if `vsn` is a valid SemVer; `false` otherwise" },
    categories: ["semver"],
    description: "Validates that the input is a valid SemVer string.",
    impl: (args) => {
      const v = args[0]!;
      return typeof v === "string" && parseVersion(v) !== undefined;
    },
  }),
  defineBuiltin({
    name: "semver.compare",
    args: [
      { name: "a", type: t.string, description: "first version string" },
      { name: "b", type: t.string, description: "second version string" },
    ],
    result: { name: "result", type: t.number, description: "`-1` if `a < b`; `1` if `a > b`; `0` if `a == b`" },
    categories: ["semver"],
    description: "Compares valid SemVer formatted version strings.",
    impl: (args) => {
      const a = string(args, 1);
      const b = string(args, 2);
      const va = parseVersion(a);
      if (!va) throw new BuiltinError(`operand 1: string ${goQuote(a)} is not a valid SemVer`);
      const vb = parseVersion(b);
      if (!vb) throw new BuiltinError(`operand 2: string ${goQuote(b)} is not a valid SemVer`);
      return compareVersions(va, vb);
    },
  }),
];
