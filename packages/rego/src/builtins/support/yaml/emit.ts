/**
 * `yaml.marshal`: OPA converts the value to JSON, reads it back with go-yaml v2 and
 * marshals that (`sigs.k8s.io/yaml.JSONToYAML`). This is a port of the parts of
 * libyaml's emitter that such data reaches: block mappings (keys in go-yaml's
 * order) and sequences, `[]`/`{}` for empty ones, and plain, single-quoted,
 * double-quoted and literal scalars chosen by libyaml's analysis, folded at 80
 * columns.
 */
import { RNumber, numberText } from "../../../ast/number.js";
import { RSet, type Value } from "../../../ast/value.js";
import { toJSONData } from "../../../ast/json.js";
import { BuiltinError } from "../../operands.js";
import { FLOAT, INT, STR, formatFloatG, isBase60Float, keyLess, resolve } from "./resolve.js";

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

type Style = "plain" | "single" | "double" | "literal";

interface Analysis {
  readonly multiline: boolean;
  readonly blockPlain: boolean;
  readonly singleQuoted: boolean;
  readonly block: boolean;
}

const isBreak = (c: string | undefined) => c === "\n" || c === "\r" || c === "\u0085" || c === "\u2028" || c === "\u2029";
const isSpace = (c: string | undefined) => c === " ";
const isBlank = (c: string | undefined) => c === " " || c === "\t";

/** libyaml's `is_printable` (on UTF-8 it excludes everything beyond the BMP). */
function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

/** `yaml_emitter_analyze_scalar`, for the block context (flow scalars never occur here). */
function analyze(chars: readonly string[]): Analysis {
  if (chars.length === 0) return { multiline: false, blockPlain: true, singleQuoted: true, block: false };
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let tabs = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  const head = chars.slice(0, 3).join("");
  if (chars.length >= 3 && (head === "---" || head === "...")) blockIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const followedByWhitespace = i + 1 >= chars.length || isBlank(chars[i + 1]);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(c)) blockIndicators = true;
      else if ((c === "?" || c === ":" || c === "-") && followedByWhitespace) blockIndicators = true;
    } else if (c === ":" && followedByWhitespace) blockIndicators = true;
    else if (c === "#" && precededByWhitespace) blockIndicators = true;
    if (c === "\t") tabs = true;
    else if (!isPrintable(c.codePointAt(0)!)) special = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c) || c === "\0";
  }
  let blockPlain = true;
  let singleQuoted = true;
  let block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) blockPlain = singleQuoted = false;
  if (spaceBreak || tabs || special) blockPlain = singleQuoted = false;
  if (spaceBreak || special) block = false;
  if (lineBreaks || blockIndicators) blockPlain = false;
  return { multiline: lineBreaks, blockPlain, singleQuoted, block };
}

const ESCAPES: Record<number, string> = {
  0x00: "0",
  0x07: "a",
  0x08: "b",
  0x09: "t",
  0x0a: "n",
  0x0b: "v",
  0x0c: "f",
  0x0d: "r",
  0x1b: "e",
  0x22: '"',
  0x5c: "\\",
  0x85: "N",
  0xa0: "_",
  0x2028: "L",
  0x2029: "P",
};

interface Context {
  readonly root?: boolean;
  readonly mapping?: boolean;
  readonly simpleKey?: boolean;
}

/** The node tree go-yaml would marshal: scalars carry their text and requested style. */
type Node = { readonly kind: "scalar"; readonly text: string; readonly style: Style } | { readonly kind: "seq"; readonly items: readonly Node[] } | { readonly kind: "map"; readonly entries: readonly [Node, Node][] };

class Emitter {
  out = "";
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;
  readonly indents: number[] = [];

  put(s: string): void {
    this.out += s;
    this.column++;
  }

  putBreak(): void {
    this.out += "\n";
    this.column = 0;
  }

  writeBreak(c: string): void {
    if (c === "\n") this.putBreak();
    else {
      this.out += c;
      this.column = 0;
    }
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(" ");
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(s: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    for (const c of s) this.put(c);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  document(n: Node): string {
    this.node(n, { root: true });
    this.writeIndent();
    return this.out;
  }

  node(n: Node, ctx: Context): void {
    switch (n.kind) {
      case "scalar":
        return this.scalar(n.text, n.style, ctx);
      case "seq":
        if (n.items.length === 0) return this.emptyFlow("[", "]");
        return this.sequence(n.items, ctx);
      case "map":
        if (n.entries.length === 0) return this.emptyFlow("{", "}");
        return this.mapping(n.entries);
    }
  }

  emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  sequence(items: readonly Node[], ctx: Context): void {
    this.increaseIndent(false, (ctx.mapping ?? false) && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator("-", true, false, true);
      this.node(item, {});
    }
    this.popIndent();
  }

  mapping(entries: readonly [Node, Node][]): void {
    this.increaseIndent(false, false);
    for (const [k, v] of entries) {
      this.writeIndent();
      if (isSimpleKey(k)) {
        this.node(k, { mapping: true, simpleKey: true });
        this.writeIndicator(":", false, false, false);
      } else {
        this.writeIndicator("?", true, false, true);
        this.node(k, { mapping: true });
        this.writeIndent();
        this.writeIndicator(":", true, false, true);
      }
      this.node(v, { mapping: true });
    }
    this.popIndent();
  }

  scalar(text: string, requested: Style, ctx: Context): void {
    const chars = Array.from(text);
    const a = analyze(chars);
    let style = requested;
    if (ctx.simpleKey && a.multiline) style = "double";
    if (style === "plain" && (!a.blockPlain || (chars.length === 0 && ctx.simpleKey))) style = "single";
    if (style === "single" && !a.singleQuoted) style = "double";
    if (style === "literal" && (!a.block || ctx.simpleKey)) style = "double";
    this.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    switch (style) {
      case "plain":
        this.plain(chars, allowBreaks);
        break;
      case "single":
        this.single(chars, allowBreaks);
        break;
      case "double":
        this.double(chars, allowBreaks);
        break;
      case "literal":
        this.literal(chars);
        break;
    }
    this.popIndent();
  }

  plain(chars: readonly string[], allowBreaks: boolean): void {
    if (chars.length > 0 && !this.whitespace) this.put(" ");
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(chars[i + 1])) this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === "\n") this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (chars.length > 0) this.whitespace = false;
    this.indention = false;
  }

  single(chars: readonly string[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && !isSpace(chars[i + 1])) this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === "\n") this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  double(chars: readonly string[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const cp = c.codePointAt(0)!;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(c) || c === '"' || c === "\\") {
        this.put("\\");
        const esc = ESCAPES[cp];
        if (esc !== undefined) this.put(esc);
        else {
          const [letter, width] = cp <= 0xff ? ["x", 2] : cp <= 0xffff ? ["u", 4] : ["U", 8];
          this.put(letter);
          for (const d of cp.toString(16).toUpperCase().padStart(width, "0")) this.put(d);
        }
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (isSpace(chars[i + 1])) this.put("\\");
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  literal(chars: readonly string[]): void {
    this.writeIndicator("|", true, false, false);
    if (isSpace(chars[0]) || isBreak(chars[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = "";
    const n = chars.length;
    if (n === 0 || !isBreak(chars[n - 1])) chomp = "-";
    else if (n === 1 || isBreak(chars[n - 2])) chomp = "+";
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** `yaml_emitter_check_simple_key` for a scalar key: one line, at most 128 bytes. */
function isSimpleKey(k: Node): boolean {
  if (k.kind !== "scalar") return false;
  if (Array.from(k.text).some(isBreak)) return false;
  return Buffer.byteLength(k.text, "utf8") <= 128;
}

/** Characters libyaml's reader refuses in its input (the JSON OPA hands it). */
const CONTROL = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}\ud800-\udfff]/u;

function stringNode(s: string): Node {
  if (CONTROL.test(s)) throw new BuiltinError("error converting JSON to YAML: yaml: control characters are not allowed");
  if (s.includes("\n")) return { kind: "scalar", text: s, style: "literal" };
  const plain = resolve("", s).tag === STR && !isBase60Float(s);
  return { kind: "scalar", text: s, style: plain ? "plain" : "double" };
}

function toNode(v: Value): Node {
  if (v === null) return { kind: "scalar", text: "null", style: "plain" };
  if (typeof v === "boolean") return { kind: "scalar", text: String(v), style: "plain" };
  if (typeof v === "string") return stringNode(v);
  if (typeof v === "number" || v instanceof RNumber) {
    const r = resolve("", typeof v === "number" ? numberText(v) : v.text);
    if (r.tag === INT) return { kind: "scalar", text: (r.value as bigint).toString(), style: "plain" };
    if (r.tag === FLOAT) return { kind: "scalar", text: formatFloatG(r.value as number), style: "plain" };
    return stringNode(r.value as string);
  }
  if (Array.isArray(v)) return { kind: "seq", items: v.map(toNode) };
  if (v instanceof RSet) return { kind: "seq", items: v.sorted().map(toNode) };
  const o = v as Record<string, Value>;
  const keys = Object.keys(o).sort((a, b) => (keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0));
  return { kind: "map", entries: keys.map((k) => [stringNode(k), toNode(o[k]!)]) };
}

/** The YAML text go-yaml v2 writes for `v`'s JSON form. */
export function yamlMarshal(v: Value): string {
  return new Emitter().document(toNode(toJSONData(v)));
}
