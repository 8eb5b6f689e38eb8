/**
 * `yaml.unmarshal` / `yaml.is_valid`: OPA reads YAML with go-yaml v2 and converts the
 * result to JSON (`sigs.k8s.io/yaml.YAMLToJSON`). The `yaml` package parses (only the
 * first document counts, as in go-yaml); scalars are resolved here with go-yaml's
 * YAML 1.1 rules (`resolve.ts`), merge keys and aliases are expanded, and map keys are
 * turned into strings the way `YAMLToJSON` does. Syntax errors get go-yaml's wording
 * where the problem is recognised.
 */
import { parseAllDocuments, isAlias, isMap, isScalar, isSeq, type Document, type Node as YNode, type ParsedNode } from "yaml";
import { numberFromBigInt, numberFromText } from "../../../ast/number.js";
import type { Value } from "../../../ast/value.js";
import { goQuote } from "../../../ast/value-string.js";
import { BuiltinError } from "../../operands.js";
import { BINARY, BOOL, FLOAT, INT, MERGE, NULL, ResolveError, formatFloatG, resolve, type Resolved } from "./resolve.js";

/** What go-yaml v2 decodes into `interface{}`. */
type GoValue = null | boolean | string | { readonly int: bigint } | { readonly float: number } | GoMap | GoValue[];

class GoMap {
  readonly entries: [GoValue, GoValue][] = [];
  readonly #index = new Map<string, number>();

  set(k: GoValue, v: GoValue): void {
    const key = scalarKey(k);
    const i = key === undefined ? undefined : this.#index.get(key);
    if (i !== undefined) {
      this.entries[i]![1] = v;
      return;
    }
    if (key !== undefined) this.#index.set(key, this.entries.length);
    this.entries.push([k, v]);
  }
}

/** Go map-key identity for scalar keys (composite keys are rejected before they get here). */
function scalarKey(k: GoValue): string | undefined {
  if (k === null) return "n";
  if (typeof k === "boolean") return k ? "t" : "f";
  if (typeof k === "string") return "s" + k;
  if (k instanceof GoMap || Array.isArray(k)) return undefined;
  if ("int" in k) return "i" + k.int.toString();
  return "d" + String(k.float);
}

class DecodeError extends Error {}

const OPTIONS = { version: "1.1", schema: "failsafe", uniqueKeys: false, merge: false, prettyErrors: false, strict: false } as const;

/** The 0-based line of `pos`. */
function rawLine(text: string, pos: number): number {
  let line = 0;
  const end = Math.min(pos, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

/** The 0-based line libyaml's parser reports: at the end of input it forces a final line break. */
function parserLine(text: string, pos: number): number {
  const line = rawLine(text, pos);
  return pos >= text.length && text.length > 0 && !text.endsWith("\n") ? line + 1 : line;
}

/** go-yaml's wording for the first syntax error, `yaml: line N: problem`. */
function syntaxMessage(text: string, code: string, message: string, pos: number): string {
  let problem = message.split("\n")[0]!;
  let scanner = false;
  if (/Flow sequence/.test(message)) problem = "did not find expected ',' or ']'";
  else if (/Flow map/.test(message)) problem = "did not find expected ',' or '}'";
  else if (/Missing closing/.test(message)) (problem = "found unexpected end of stream"), (scanner = true);
  else if (code === "BLOCK_AS_IMPLICIT_KEY" || code === "MULTILINE_IMPLICIT_KEY") (problem = "mapping values are not allowed in this context"), (scanner = true);
  else if (code === "TAB_AS_INDENT" || code === "BAD_SCALAR_START") (problem = "found character that cannot start any token"), (scanner = true);
  else if (code === "BAD_INDENT") problem = "did not find expected key";
  else if (code === "UNEXPECTED_TOKEN") problem = "did not find expected node content";
  // Parser errors report libyaml's 0-based line (omitted when 0); scanner errors the 1-based one.
  const line = scanner ? rawLine(text, pos) + 1 : parserLine(text, pos);
  return line > 0 ? `yaml: line ${line}: ${problem}` : `yaml: ${problem}`;
}

interface Decoder {
  readonly doc: Document.Parsed;
  readonly active: Set<YNode>;
  count: number;
}

const MAX_NODES = 1_000_000;

function decodeScalar(tag: string | undefined, plain: boolean, text: string): GoValue {
  let r: Resolved;
  try {
    if (tag === undefined) r = plain ? resolve("", text) : { tag: "tag:yaml.org,2002:str", value: text };
    else if (tag === BINARY) return decodeBinary(text);
    else r = resolve(tag, text);
  } catch (e) {
    if (e instanceof ResolveError) throw new DecodeError(`yaml: ${e.message}`);
    throw e;
  }
  switch (r.tag) {
    case INT:
      return { int: r.value as bigint };
    case FLOAT:
      return { float: r.value as number };
    case BOOL:
      return r.value as boolean;
    case NULL:
      return null;
    default:
      return r.value as string;
  }
}

function decodeBinary(text: string): string {
  const clean = text.replace(/[\r\n]/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw new DecodeError("yaml: !!binary value contains invalid base64 data");
  return Buffer.from(clean, "base64").toString("utf8");
}

function isMergeKey(k: unknown): boolean {
  return isScalar(k) && k.value === "<<" && (k.tag === MERGE || (k.tag === undefined && k.type === "PLAIN"));
}

function decodeNode(d: Decoder, n: unknown): GoValue {
  if (++d.count > MAX_NODES) throw new DecodeError("yaml: document contains excessive aliasing");
  if (n === null || n === undefined) return null;
  if (isAlias(n)) {
    const target = n.resolve(d.doc);
    if (!target) throw new DecodeError(`yaml: unknown anchor '${n.source}' referenced`);
    if (d.active.has(target)) throw new DecodeError(`yaml: anchor '${n.source}' value contains itself`);
    d.active.add(target);
    try {
      return decodeNode(d, target);
    } finally {
      d.active.delete(target);
    }
  }
  if (isScalar(n)) {
    return decodeScalar(n.tag, n.type === "PLAIN", String(n.value ?? ""));
  }
  if (isSeq(n)) return n.items.map((x) => decodeNode(d, x));
  if (isMap(n)) {
    const out = new GoMap();
    decodeMapInto(d, n.items, out);
    return out;
  }
  return null;
}

function decodeMapInto(d: Decoder, items: readonly { key: unknown; value: unknown }[], out: GoMap): void {
  for (const pair of items) {
    if (isMergeKey(pair.key)) {
      merge(d, pair.value, out);
      continue;
    }
    const k = decodeNode(d, pair.key);
    if (k instanceof GoMap || Array.isArray(k)) throw new DecodeError(`yaml: invalid map key: ${goRepr(k)}`);
    out.set(k, decodeNode(d, pair.value));
  }
}

function mappingItems(d: Decoder, n: unknown): readonly { key: unknown; value: unknown }[] | undefined {
  const target = isAlias(n) ? n.resolve(d.doc) : n;
  return isMap(target) ? target.items : undefined;
}

function merge(d: Decoder, n: unknown, out: GoMap): void {
  const fail = () => new DecodeError("yaml: map merge requires map or sequence of maps as the value");
  const items = mappingItems(d, n);
  if (items) return decodeMapInto(d, items, out);
  if (!isSeq(n)) throw fail();
  for (let i = n.items.length - 1; i >= 0; i--) {
    const sub = mappingItems(d, n.items[i]);
    if (!sub) throw fail();
    decodeMapInto(d, sub, out);
  }
}

/** Go's `%#v`, roughly, for the values that can appear in go-yaml's error messages. */
function goRepr(v: GoValue): string {
  if (v === null) return "<nil>";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "string") return goQuote(v);
  if (v instanceof GoMap) return `map[interface {}]interface {}{${v.entries.map(([k, x]) => `${goRepr(k)}:${goRepr(x)}`).join(", ")}}`;
  if (Array.isArray(v)) return `[]interface {}{${v.map(goRepr).join(", ")}}`;
  if ("int" in v) return v.int.toString();
  return formatFloatG(v.float);
}

function goTypeName(v: GoValue): string {
  if (v === null) return "%!s(<nil>)";
  if (typeof v === "object" && "int" in v) return v.int > 2n ** 63n - 1n ? (v.int > 2n ** 64n - 1n ? "*big.Int" : "uint64") : "int";
  return "interface {}";
}

/** `YAMLToJSON`'s key conversion. */
function jsonKey(k: GoValue, v: GoValue): string {
  if (typeof k === "string") return k;
  if (typeof k === "boolean") return String(k);
  if (k !== null && typeof k === "object" && "int" in k && k.int >= -(2n ** 63n) && k.int <= 2n ** 63n - 1n) return k.int.toString();
  if (k !== null && typeof k === "object" && "float" in k) return formatFloatG(k.float, true);
  throw new DecodeError(`unsupported map key of type: ${goTypeName(k)}, key: ${goRepr(k)}, value: ${goRepr(v)}`);
}

/** Go's `encoding/json` text for a float64. */
function goJSONFloat(d: number): string {
  if (!Number.isFinite(d)) throw new DecodeError(`json: unsupported value: ${Number.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf"}`);
  return Object.is(d, -0) ? "-0" : String(d);
}

function toValue(v: GoValue): Value {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (v instanceof GoMap) {
    const out: Record<string, Value> = {};
    for (const [k, x] of v.entries) {
      const key = jsonKey(k, x);
      const val = toValue(x);
      if (key === "__proto__") Object.defineProperty(out, key, { value: val, enumerable: true, writable: true, configurable: true });
      else out[key] = val;
    }
    return out;
  }
  if (Array.isArray(v)) return v.map(toValue);
  if ("int" in v) return numberFromBigInt(v.int);
  return numberFromText(goJSONFloat(v.float));
}

/** Parses the first document into go-yaml's data; throws `DecodeError` with go-yaml's message. */
function decode(text: string): GoValue {
  const docs = parseAllDocuments(text, OPTIONS);
  const list = Array.isArray(docs) ? docs : [docs];
  const doc = list[0] as Document.Parsed | undefined;
  if (!doc) {
    const err = (docs as { errors?: { code: string; message: string; pos: [number, number] }[] }).errors?.[0];
    if (err) throw new DecodeError(syntaxMessage(text, err.code, err.message, err.pos[0]));
    return null;
  }
  const err = doc.errors[0];
  if (err) throw new DecodeError(syntaxMessage(text, err.code, err.message, err.pos[0]));
  return decodeNode({ doc, active: new Set(), count: 0 }, doc.contents as ParsedNode | null);
}

export function yamlUnmarshal(text: string): Value {
  try {
    return toValue(decode(text));
  } catch (e) {
    if (e instanceof DecodeError) throw new BuiltinError(`error converting YAML to JSON: ${e.message}`);
    throw e;
  }
}

export function yamlIsValid(text: string): boolean {
  try {
    decode(text);
    return true;
  } catch (e) {
    if (e instanceof DecodeError) return false;
    throw e;
  }
}
