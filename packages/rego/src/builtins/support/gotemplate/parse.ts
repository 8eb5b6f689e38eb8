/**
 * The parser of Go's text/template: actions, pipelines with declarations, `if`,
 * `with`, `range` (with `else`, `else if`, `else with`, `break`, `continue`),
 * `define`, `template` and `block`. Errors read as Go's: "template: NAME:LINE: ...".
 */
import { lex, type Item, type ItemType } from "./lex.js";
import type { Arg, Command, Node, NumberNode, Pipe } from "./nodes.js";
import { FUNCTION_NAMES } from "./funcs.js";

export class TemplateError extends Error {}

export interface Parsed {
  readonly root: readonly Node[];
  readonly defines: Map<string, readonly Node[]>;
}

const NAME = "template";

export function parseTemplate(text: string): Parsed {
  return new Parser(text).parse();
}

class Parser {
  readonly #items: Item[];
  #i = 0;
  #vars: string[] = ["$"];
  #rangeDepth = 0;
  #last: Item | undefined;
  readonly defines = new Map<string, readonly Node[]>();

  constructor(text: string) {
    this.#items = lex(text);
  }

  parse(): Parsed {
    const root: Node[] = [];
    while (this.#peek().type !== "eof") {
      if (this.#peek().type === "leftDelim") {
        const save = this.#i;
        this.#next();
        if (this.#nextNonSpace().type === "define") {
          this.#parseDefinition();
          continue;
        }
        this.#i = save;
      }
      const n = this.#textOrAction();
      if (n === "end" || n === "else") this.#errorf(`unexpected {{${n}}}`);
      root.push(n);
    }
    return { root, defines: this.defines };
  }

  #errorf(msg: string): never {
    const line = (this.#last ?? this.#items[this.#i] ?? { line: 1 }).line;
    throw new TemplateError(`template: ${NAME}:${line}: ${msg}`);
  }

  #next(): Item {
    const item = this.#items[this.#i]!;
    if (item.type === "error") {
      this.#last = item;
      this.#errorf(item.val);
    }
    if (this.#i < this.#items.length - 1) this.#i++;
    this.#last = item;
    return item;
  }

  #backup(): void {
    this.#i--;
  }

  #peek(): Item {
    const item = this.#items[this.#i]!;
    if (item.type === "error") {
      this.#last = item;
      this.#errorf(item.val);
    }
    return item;
  }

  #nextNonSpace(): Item {
    let item: Item;
    do item = this.#next();
    while (item.type === "space");
    return item;
  }

  #peekNonSpace(): Item {
    const item = this.#nextNonSpace();
    this.#backup();
    return item;
  }

  #expect(type: ItemType, context: string): Item {
    const item = this.#nextNonSpace();
    if (item.type !== type) this.#unexpected(item, context);
    return item;
  }

  #unexpected(item: Item, context: string): never {
    if (item.type === "error") this.#errorf(item.val);
    const desc = item.type === "eof" ? "EOF" : item.type === "rightDelim" ? '"}}"' : item.type === "text" ? JSON.stringify(item.val) : `<${item.val}>`;
    this.#errorf(`unexpected ${desc} in ${context}`);
  }

  #parseDefinition(): void {
    const context = "define clause";
    const tok = this.#nextNonSpace();
    if (tok.type !== "string" && tok.type !== "rawString") this.#unexpected(tok, context);
    const name = unquote(tok.val);
    this.#expect("rightDelim", context);
    const saved = this.#vars;
    this.#vars = ["$"];
    const [list, end] = this.#itemList();
    this.#vars = saved;
    if (end !== "end") this.#errorf(`unexpected {{${end}}} in ${context}`);
    this.defines.set(name, list);
  }

  /** Nodes up to an `{{end}}` or `{{else}}`, which is returned with them. */
  #itemList(): [Node[], "end" | "else"] {
    const list: Node[] = [];
    while (this.#peekNonSpace().type !== "eof") {
      const n = this.#textOrAction();
      if (n === "end" || n === "else") return [list, n];
      list.push(n);
    }
    this.#errorf("unexpected EOF");
  }

  #textOrAction(): Node | "end" | "else" {
    const tok = this.#nextNonSpace();
    if (tok.type === "text") return { t: "text", text: tok.val };
    if (tok.type === "leftDelim") return this.#action();
    this.#unexpected(tok, "input");
  }

  #action(): Node | "end" | "else" {
    const tok = this.#nextNonSpace();
    switch (tok.type) {
      case "block":
        return this.#blockControl();
      case "break":
      case "continue": {
        const close = this.#nextNonSpace();
        if (close.type !== "rightDelim") this.#unexpected(close, `{{${tok.type}}}`);
        if (this.#rangeDepth === 0) this.#errorf(`{{${tok.type}}} outside {{range}}`);
        return { t: tok.type, pos: tok.pos, line: tok.line };
      }
      case "else": {
        const peek = this.#peekNonSpace();
        if (peek.type !== "if" && peek.type !== "with") this.#expect("rightDelim", "else");
        return "else";
      }
      case "end":
        this.#expect("rightDelim", "end");
        return "end";
      case "if":
      case "with":
      case "range":
        return this.#control(tok.type);
      case "template":
        return this.#templateControl();
    }
    this.#backup();
    const peek = this.#peek();
    return { t: "action", pos: peek.pos, line: peek.line, pipe: this.#pipeline("command", "rightDelim") };
  }

  #control(kind: "if" | "with" | "range"): Node {
    const mark = this.#vars.length;
    const pipe = this.#pipeline(kind, "rightDelim");
    if (kind === "range") this.#rangeDepth++;
    let [list, next] = this.#itemList();
    if (kind === "range") this.#rangeDepth--;
    let elseList: Node[] | undefined;
    if (next === "else") {
      const peek = this.#peek();
      if ((kind === "if" && peek.type === "if") || (kind === "with" && peek.type === "with")) {
        this.#next();
        elseList = [this.#control(kind)];
      } else {
        [elseList, next] = this.#itemList();
        if (next !== "end") this.#errorf(`expected end; found {{${next}}}`);
      }
    }
    this.#vars.length = mark;
    return { t: kind, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
  }

  #templateName(tok: Item, context: string): string {
    if (tok.type !== "string" && tok.type !== "rawString") this.#unexpected(tok, context);
    return unquote(tok.val);
  }

  #templateControl(): Node {
    const context = "template clause";
    const tok = this.#nextNonSpace();
    const name = this.#templateName(tok, context);
    let pipe: Pipe | undefined;
    if (this.#nextNonSpace().type !== "rightDelim") {
      this.#backup();
      pipe = this.#pipeline(context, "rightDelim");
    }
    return { t: "template", pos: tok.pos, line: tok.line, name, pipe };
  }

  #blockControl(): Node {
    const context = "block clause";
    const tok = this.#nextNonSpace();
    const name = this.#templateName(tok, context);
    const pipe = this.#pipeline(context, "rightDelim");
    const saved = this.#vars;
    this.#vars = ["$"];
    const [list, end] = this.#itemList();
    this.#vars = saved;
    if (end !== "end") this.#errorf(`unexpected {{${end}}} in ${context}`);
    this.defines.set(name, list);
    return { t: "template", pos: tok.pos, line: tok.line, name, pipe };
  }

  #pipeline(context: string, end: ItemType): Pipe {
    const first = this.#peekNonSpace();
    const pipe: Pipe = { pos: first.pos, line: first.line, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.#peekNonSpace();
      if (v.type !== "variable") break;
      this.#nextNonSpace();
      const next = this.#peekNonSpace();
      if (next.type === "assign" || next.type === "declare") {
        pipe.isAssign = next.type === "assign";
        this.#nextNonSpace();
        pipe.decl.push(v.val);
        this.#vars.push(v.val);
        break;
      }
      if (next.type === "char" && next.val === ",") {
        this.#nextNonSpace();
        pipe.decl.push(v.val);
        this.#vars.push(v.val);
        if (context === "range" && pipe.decl.length < 2) {
          const t = this.#peekNonSpace().type;
          if (t === "variable" || t === "rightDelim" || t === "rightParen") continue;
          this.#errorf("range can only initialize variables");
        }
        this.#errorf(`too many declarations in ${context}`);
      }
      // Not a declaration: put the variable (and a following space) back.
      this.#i = this.#items.indexOf(v);
      break;
    }
    for (;;) {
      const tok = this.#nextNonSpace();
      if (tok.type === end) {
        if (pipe.cmds.length === 0) this.#errorf(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, i) => {
          const t = c.args[0]!.t;
          if (t === "bool" || t === "dot" || t === "nil" || t === "number" || t === "string") this.#errorf(`non executable command in pipeline stage ${i + 2}`);
        });
        return pipe;
      }
      switch (tok.type) {
        case "bool":
        case "charConstant":
        case "complex":
        case "dot":
        case "field":
        case "identifier":
        case "number":
        case "nil":
        case "rawString":
        case "string":
        case "variable":
        case "leftParen":
          this.#backup();
          pipe.cmds.push(this.#command());
          continue;
      }
      this.#unexpected(tok, context);
    }
  }

  #command(): Command {
    const cmd: Command = { pos: this.#peekNonSpace().pos, args: [] };
    for (;;) {
      this.#peekNonSpace();
      const operand = this.#operand();
      if (operand) cmd.args.push(operand);
      const tok = this.#next();
      if (tok.type === "space") continue;
      if (tok.type === "rightDelim" || tok.type === "rightParen") this.#backup();
      else if (tok.type !== "pipe") this.#unexpected(tok, "operand");
      break;
    }
    if (cmd.args.length === 0) this.#errorf("empty command");
    return cmd;
  }

  #operand(): Arg | undefined {
    const node = this.#term();
    if (!node) return undefined;
    if (this.#peek().type !== "field") return node;
    const fields: string[] = [];
    const pos = this.#peek().pos;
    while (this.#peek().type === "field") fields.push(this.#next().val.slice(1));
    switch (node.t) {
      case "field":
        return { t: "field", pos, idents: [...node.idents, ...fields] };
      case "variable":
        return { t: "variable", pos, idents: [...node.idents, ...fields] };
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        this.#errorf(`unexpected . after term ${JSON.stringify(node.t === "string" ? node.quoted : node.t === "dot" ? "." : node.t === "nil" ? "nil" : node.t === "bool" ? String(node.value) : node.text)}`);
    }
    return { t: "chain", pos, node, fields };
  }

  #term(): Arg | undefined {
    const tok = this.#nextNonSpace();
    switch (tok.type) {
      case "identifier":
        if (!FUNCTION_NAMES.has(tok.val)) this.#errorf(`function ${JSON.stringify(tok.val)} not defined`);
        return { t: "identifier", pos: tok.pos, name: tok.val };
      case "dot":
        return { t: "dot", pos: tok.pos };
      case "nil":
        return { t: "nil", pos: tok.pos };
      case "variable": {
        const idents = tok.val.split(".");
        if (!this.#vars.includes(idents[0]!)) this.#errorf(`undefined variable ${JSON.stringify(idents[0])}`);
        return { t: "variable", pos: tok.pos, idents };
      }
      case "field":
        return { t: "field", pos: tok.pos, idents: [tok.val.slice(1)] };
      case "bool":
        return { t: "bool", pos: tok.pos, value: tok.val === "true" };
      case "charConstant":
      case "complex":
      case "number":
        return this.#number(tok);
      case "leftParen":
        return { t: "pipe", pos: tok.pos, pipe: this.#pipeline("parenthesized pipeline", "rightParen") };
      case "string":
      case "rawString":
        return { t: "string", pos: tok.pos, quoted: tok.val, value: unquote(tok.val) };
    }
    this.#backup();
    return undefined;
  }

  #number(tok: Item): NumberNode {
    const base = { t: "number" as const, pos: tok.pos, text: tok.val };
    if (tok.type === "charConstant") {
      const [r, rest] = unquoteChar(tok.val.slice(1), "'");
      if (rest !== "'") this.#errorf(`malformed character constant: ${tok.val}`);
      return { ...base, isInt: true, isUint: true, isFloat: true, int: BigInt(r), float: r };
    }
    if (tok.type === "complex" || tok.val.endsWith("i")) this.#errorf(`complex numbers are not supported: ${tok.val}`);
    const i = parseGoInt(tok.val);
    if (i !== undefined) {
      const isInt = i >= -(1n << 63n) && i < 1n << 63n;
      const isUint = i >= 0n && i < 1n << 64n;
      if (isInt || isUint) return { ...base, isInt, isUint, isFloat: true, int: i, float: Number(i) };
      this.#errorf(`integer overflow: ${JSON.stringify(tok.val)}`);
    }
    const f = parseGoFloat(tok.val);
    if (f === undefined) this.#errorf(`illegal number syntax: ${JSON.stringify(tok.val)}`);
    const isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
    return { ...base, isInt, isUint: isInt && f >= 0, isFloat: true, int: isInt ? BigInt(f) : 0n, float: f };
  }
}

const INT_LITERAL = /^[+-]?(?:0[xX]_?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|0[oO]_?[0-7]+(?:_[0-7]+)*|0[bB]_?[01]+(?:_[01]+)*|0_?[0-7]+(?:_[0-7]+)*|[0-9]+(?:_[0-9]+)*)$/;

/** Go's `strconv.ParseInt(s, 0, 64)` syntax, without the range check. */
function parseGoInt(s: string): bigint | undefined {
  if (!INT_LITERAL.test(s)) return undefined;
  const neg = s[0] === "-";
  let body = s.replace(/^[+-]/, "").replaceAll("_", "");
  if (/^0[0-7]+$/.test(body)) body = "0o" + body.slice(1);
  const v = BigInt(body);
  return neg ? -v : v;
}

/** Go's `strconv.ParseFloat` syntax (decimal or hexadecimal), finite values only. */
function parseGoFloat(s: string): number | undefined {
  if (/^[+-]?(?:\d+(?:_\d+)*\.?(?:\d+(?:_\d+)*)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?$/.test(s)) {
    if (s.includes("_")) return undefined;
    const d = Number(s);
    return Number.isFinite(d) ? d : undefined;
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
  if (!hex) return undefined;
  const [, sign = "", intPart = "", frac = "", exp = "0"] = hex;
  if (intPart + frac === "") return undefined;
  const d = Number(BigInt("0x" + intPart + frac)) * 2 ** (Number(exp) - 4 * frac.length);
  return sign === "-" ? -d : d;
}

/** Go's `strconv.UnquoteChar`: the first (possibly escaped) character of `s` and the rest. */
function unquoteChar(s: string, quote: string): [number, string] {
  const c = s.codePointAt(0);
  if (c === undefined) throw new TemplateError(`template: ${NAME}: invalid syntax`);
  if (s[0] !== "\\") return [c, s.slice(String.fromCodePoint(c).length)];
  const e = s[1];
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };
  if (e !== undefined && e in simple) return [simple[e]!, s.slice(2)];
  if (e === quote) return [quote.charCodeAt(0), s.slice(2)];
  const hexLen = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
  if (hexLen > 0) {
    const h = s.slice(2, 2 + hexLen);
    if (h.length === hexLen && /^[0-9a-fA-F]+$/.test(h)) {
      const v = parseInt(h, 16);
      if (e !== "x" && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) throw new TemplateError(`template: ${NAME}: invalid syntax`);
      return [v, s.slice(2 + hexLen)];
    }
  }
  if (e !== undefined && e >= "0" && e <= "7") {
    const o = s.slice(1, 4);
    if (/^[0-7]{3}$/.test(o) && parseInt(o, 8) <= 255) return [parseInt(o, 8), s.slice(4)];
  }
  throw new TemplateError(`template: ${NAME}: invalid syntax`);
}

/** Go's `strconv.Unquote` for "..." and `...` literals. */
function unquote(q: string): string {
  if (q[0] === "`") return q.slice(1, -1).replaceAll("\r", "");
  let s = q.slice(1, -1);
  let out = "";
  while (s.length > 0) {
    const [r, rest] = unquoteChar(s, '"');
    if (s[0] === "\\" && s[1] === "x") out += String.fromCharCode(r);
    else out += String.fromCodePoint(r);
    s = rest;
  }
  return out;
}
