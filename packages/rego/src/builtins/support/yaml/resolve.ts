/**
 * Plain-scalar resolution as go-yaml v2 does it (YAML 1.1 flavoured: `yes`/`on` are
 * booleans, `0777` is octal, `2001-12-14` is a timestamp), plus the Go number
 * formatting its encoder uses. OPA reaches go-yaml v2 through `sigs.k8s.io/yaml`,
 * whose fork also resolves over-long integers in other bases to big integers.
 */

export const STR = "tag:yaml.org,2002:str";
export const INT = "tag:yaml.org,2002:int";
export const FLOAT = "tag:yaml.org,2002:float";
export const BOOL = "tag:yaml.org,2002:bool";
export const NULL = "tag:yaml.org,2002:null";
export const TIMESTAMP = "tag:yaml.org,2002:timestamp";
export const BINARY = "tag:yaml.org,2002:binary";
export const MERGE = "tag:yaml.org,2002:merge";

/** A resolved scalar: integers stay exact (`bigint`), floats are doubles. */
export type Resolved =
  | { readonly tag: typeof STR | typeof TIMESTAMP; readonly value: string }
  | { readonly tag: typeof INT; readonly value: bigint }
  | { readonly tag: typeof FLOAT; readonly value: number }
  | { readonly tag: typeof BOOL; readonly value: boolean }
  | { readonly tag: typeof NULL; readonly value: null }
  | { readonly tag: typeof MERGE; readonly value: string }
  | { readonly tag: string; readonly value: string };

const MAP: ReadonlyMap<string, Resolved> = (() => {
  const m = new Map<string, Resolved>();
  const add = (r: Resolved, words: string) => words.split(" ").forEach((w) => m.set(w, r));
  add({ tag: BOOL, value: true }, "y Y yes Yes YES true True TRUE on On ON");
  add({ tag: BOOL, value: false }, "n N no No NO false False FALSE off Off OFF");
  add({ tag: NULL, value: null }, "~ null Null NULL");
  m.set("", { tag: NULL, value: null });
  add({ tag: FLOAT, value: NaN }, ".nan .NaN .NAN");
  add({ tag: FLOAT, value: Infinity }, ".inf .Inf .INF +.inf +.Inf +.INF");
  add({ tag: FLOAT, value: -Infinity }, "-.inf -.Inf -.INF");
  m.set("<<", { tag: MERGE, value: "<<" });
  return m;
})();

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

type IntResult = { ok: true; value: bigint } | { ok: false; range: boolean };

/** `strconv.ParseInt(s, 0, bits)` / `ParseUint`, without the bit-size check (done by the callers). */
function parseGoInteger(s: string, signed: boolean): IntResult {
  let i = 0;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    if (!signed && s[0] === "-") return { ok: false, range: false };
    if (!signed && s[0] === "+") return { ok: false, range: false };
    neg = s[0] === "-";
    i = 1;
  }
  let base = 10;
  let digits = s.slice(i);
  if (/^0[xX]/.test(digits)) (base = 16), (digits = digits.slice(2));
  else if (/^0[oO]/.test(digits)) (base = 8), (digits = digits.slice(2));
  else if (/^0[bB]/.test(digits)) (base = 2), (digits = digits.slice(2));
  else if (digits.length > 1 && digits[0] === "0") (base = 8), (digits = digits.slice(1));
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return { ok: false, range: false };
  const prefix = base === 16 ? "0x" : base === 8 ? "0o" : base === 2 ? "0b" : "";
  const v = BigInt(prefix + digits);
  return { ok: true, value: neg ? -v : v };
}

function parseInt64(s: string): IntResult {
  const r = parseGoInteger(s, true);
  if (!r.ok) return r;
  return r.value < INT64_MIN || r.value > INT64_MAX ? { ok: false, range: true } : r;
}

function parseUint64(s: string): IntResult {
  const r = parseGoInteger(s, false);
  if (!r.ok) return r;
  return r.value > UINT64_MAX ? { ok: false, range: true } : r;
}

/** `strconv.ParseFloat(s, 64)` for a decimal YAML float; undefined on overflow. */
function parseGoFloat(s: string): number | undefined {
  const d = Number(s);
  return Number.isFinite(d) ? d : undefined;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TIMESTAMP_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** go-yaml's `parseTimestamp`: the layouts it tries, with Go's range checks. */
export function isTimestamp(s: string): boolean {
  const m = TIMESTAMP_RE.exec(s);
  if (!m) return false;
  const [, y, mo, d, sep, h, mi, sec, zone] = m;
  if (sep !== undefined) {
    if (sep === " " ? zone !== undefined : zone === undefined) return false;
    if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return false;
    if (zone && zone !== "Z" && (Number(zone.slice(1, 3)) > 24 || Number(zone.slice(4)) > 60)) return false;
  }
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const max = month === 2 && leap ? 29 : DAYS[month - 1]!;
  return day <= max;
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

export function isBase60Float(s: string): boolean {
  if (s === "") return false;
  const c = s[0]!;
  if (!(c === "+" || c === "-" || (c >= "0" && c <= "9")) || !s.includes(":")) return false;
  return BASE60_FLOAT.test(s);
}

function resolvable(tag: string): boolean {
  return tag === "" || tag === STR || tag === BOOL || tag === INT || tag === FLOAT || tag === NULL || tag === TIMESTAMP;
}

/** What a scalar resolves to with no tag check; `tag` is the explicit tag ("" for none). */
function resolveRaw(tag: string, s: string): Resolved {
  const c = s === "" ? "N" : s[0]!;
  const hint = c === "+" || c === "-" ? "S" : c >= "0" && c <= "9" ? "D" : "yYnNtTfFoO~".includes(c) ? "M" : c === "." ? "." : c === "N" ? "N" : "";
  if (hint !== "" && tag !== STR && tag !== BINARY) {
    const known = MAP.get(s);
    if (known) return known;
    if (hint === ".") {
      if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s)) return { tag: FLOAT, value: Number(s) };
    } else if (hint === "D" || hint === "S") {
      if ((tag === "" || tag === TIMESTAMP) && isTimestamp(s)) return { tag: TIMESTAMP, value: s };
      const plain = s.replaceAll("_", "");
      const i = parseInt64(plain);
      if (i.ok) return { tag: INT, value: i.value };
      const u = parseUint64(plain);
      if (u.ok) return { tag: INT, value: u.value };
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = parseGoFloat(plain);
        if (f !== undefined) return { tag: FLOAT, value: f };
      }
      if (plain.startsWith("0b")) {
        const b = parseGoInteger("0b" + plain.slice(2), false);
        if (b.ok && b.value <= UINT64_MAX) return { tag: INT, value: b.value };
      } else if (plain.startsWith("-0b")) {
        const b = parseGoInteger("-0b" + plain.slice(3), true);
        if (b.ok && b.value >= INT64_MIN) return { tag: INT, value: b.value };
      }
      if (!u.ok && u.range) {
        const big = parseGoInteger(plain, true);
        if (big.ok) return { tag: INT, value: big.value };
      }
    }
  }
  return { tag: STR, value: s };
}

export class ResolveError extends Error {}

function shortTag(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.slice("tag:yaml.org,2002:".length) : tag;
}

/** go-yaml's `resolve(tag, in)`: unresolvable tags pass the text through. */
export function resolve(tag: string, s: string): Resolved {
  if (!resolvable(tag)) return { tag, value: s };
  const r = resolveRaw(tag, s);
  if (tag === "" || tag === r.tag || tag === STR) return tag === STR ? { tag: STR, value: s } : r;
  if (tag === FLOAT && r.tag === INT) {
    const v = r.value as bigint;
    if (v >= INT64_MIN && v <= INT64_MAX) return { tag: FLOAT, value: Number(v) };
  }
  throw new ResolveError(`cannot decode ${shortTag(r.tag)} \`${s}\` as a ${shortTag(tag)}`);
}

/** The shortest digits of `d` and its decimal exponent, as `strconv` finds them. */
function shortest(d: number, single: boolean): { digits: string; exp: number } {
  let text = Math.abs(d).toExponential();
  if (single) {
    const f = Math.fround(d);
    for (let p = 1; p <= 9; p++) {
      const t = Math.abs(f).toExponential(p - 1);
      if (Math.fround(Number(t)) === Math.abs(f)) {
        text = t;
        break;
      }
    }
  }
  const [mant = "0", e = "0"] = text.split("e");
  return { digits: mant.replace(".", "").replace(/0+$/, "") || "0", exp: Number(e) };
}

/** `strconv.FormatFloat(d, 'g', -1, 64)` (or 32 for `single`), with YAML's names for the non-finite. */
export function formatFloatG(d: number, single = false): string {
  if (Number.isNaN(d)) return ".nan";
  if (d === Infinity) return ".inf";
  if (d === -Infinity) return "-.inf";
  const sign = d < 0 || Object.is(d, -0) ? "-" : "";
  if (d === 0) return sign + "0";
  const { digits, exp } = shortest(d, single);
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? "." + digits.slice(1) : "";
    return `${sign}${digits[0]}${frac}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + "0".repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** go-yaml v2's map key order for string keys (digit runs compare as numbers). */
export function keyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = LETTER.test(ar[i]!);
    const bl = LETTER.test(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j]!); j--) {
        if (ar[j] !== "0") {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && DIGIT.test(ar[ai]!); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 48));
    let bi = i;
    for (; bi < br.length && DIGIT.test(br[bi]!); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 48));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}
