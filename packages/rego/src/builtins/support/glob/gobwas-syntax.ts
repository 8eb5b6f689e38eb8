/**
 * The glob syntax of gobwas/glob v0.2.3: its lexer and parser, with their quirks
 * (a NUL character ends the pattern or is dropped inside text, U+FFFD is "could not
 * read rune", an unclosed `{` is accepted, a trailing `\` is dropped, the lexer's
 * errors win over tokens it already queued for the same item).
 */
import { BuiltinError } from "../../operands.js";

export type Kind = "nothing" | "pattern" | "list" | "range" | "text" | "any" | "super" | "single" | "anyOf";

export interface GNode {
  readonly kind: Kind;
  readonly text?: string;
  readonly chars?: string;
  readonly lo?: number;
  readonly hi?: number;
  readonly not?: boolean;
  readonly children: GNode[];
  parent?: GNode;
}

export function node(kind: Kind, fields: Partial<Omit<GNode, "kind" | "children">> = {}, children: GNode[] = []): GNode {
  const n: GNode = { kind, ...fields, children: [] };
  for (const c of children) insert(n, c);
  return n;
}

export function insert(parent: GNode, child: GNode): void {
  parent.children.push(child);
  child.parent = parent;
}

/** gobwas' `Node.Equal`: same kind, value and children. */
export function equalNodes(a: GNode, b: GNode): boolean {
  if (a.kind !== b.kind || a.text !== b.text || a.chars !== b.chars || a.lo !== b.lo || a.hi !== b.hi || a.not !== b.not) return false;
  if (a.children.length !== b.children.length) return false;
  return a.children.every((c, i) => equalNodes(c, b.children[i]!));
}

type TokType = "eof" | "error" | "text" | "any" | "super" | "single" | "not" | "sep" | "rangeOpen" | "rangeClose" | "rangeLo" | "rangeBetween" | "rangeHi" | "termsOpen" | "termsClose";

interface Tok {
  readonly t: TokType;
  readonly raw: string;
}

const EOF = 0;
const RUNE_ERROR = 0xfffd;
const TEXT_BREAKERS = [0x3f, 0x2a, 0x5b, 0x7b]; // ? * [ {
const TERMS_BREAKERS = [...TEXT_BREAKERS, 0x7d, 0x2c]; // } ,

class Lexer {
  readonly #runes: number[];
  #pos = 0;
  #lastWidth = 0;
  #err: string | undefined;
  #queue: Tok[] = [];
  #terms = 0;

  constructor(pattern: string) {
    this.#runes = Array.from(pattern, (c) => {
      const cp = c.codePointAt(0)!;
      return cp >= 0xd800 && cp <= 0xdfff ? RUNE_ERROR : cp;
    });
  }

  next(): Tok {
    for (;;) {
      if (this.#err !== undefined) return { t: "error", raw: this.#err };
      const tok = this.#queue.shift();
      if (tok) return tok;
      this.#fetchItem();
    }
  }

  #peek(): [number, number] {
    if (this.#pos === this.#runes.length) return [EOF, 0];
    const r = this.#runes[this.#pos]!;
    if (r === RUNE_ERROR) {
      this.#err = "could not read rune";
      return [EOF, 0];
    }
    return [r, 1];
  }

  #read(): number {
    const [r, w] = this.#peek();
    this.#pos += w;
    this.#lastWidth = w;
    return r;
  }

  #unread(): void {
    this.#pos -= this.#lastWidth;
    this.#lastWidth = 0;
  }

  #push(t: TokType, raw: number | string = ""): void {
    this.#queue.push({ t, raw: typeof raw === "number" ? String.fromCodePoint(raw) : raw });
  }

  #fetchItem(): void {
    const r = this.#read();
    if (r === EOF) this.#push("eof");
    else if (r === 0x7b) {
      this.#terms++;
      this.#push("termsOpen", r);
    } else if (r === 0x2c && this.#terms > 0) this.#push("sep", r);
    else if (r === 0x7d && this.#terms > 0) {
      this.#push("termsClose", r);
      this.#terms--;
    } else if (r === 0x5b) {
      this.#push("rangeOpen", r);
      this.#fetchRange();
    } else if (r === 0x3f) this.#push("single", r);
    else if (r === 0x2a) {
      if (this.#read() === 0x2a) this.#push("super", "**");
      else {
        this.#unread();
        this.#push("any", r);
      }
    } else {
      this.#unread();
      this.#fetchText(this.#terms > 0 ? TERMS_BREAKERS : TEXT_BREAKERS);
    }
  }

  #fetchRange(): void {
    let wantHi = false;
    let wantClose = false;
    let seenNot = false;
    for (;;) {
      const r = this.#read();
      if (r === EOF) {
        this.#err = "unexpected end of input";
        return;
      }
      if (wantClose) {
        if (r !== 0x5d) this.#err = "expected close range character";
        else this.#push("rangeClose", r);
        return;
      }
      if (wantHi) {
        this.#push("rangeHi", r);
        wantClose = true;
        continue;
      }
      if (!seenNot && r === 0x21) {
        this.#push("not", r);
        seenNot = true;
        continue;
      }
      const [n, w] = this.#peek();
      if (n === 0x2d) {
        this.#pos += w;
        this.#push("rangeLo", r);
        this.#push("rangeBetween", n);
        wantHi = true;
        continue;
      }
      this.#unread();
      this.#fetchText([0x5d]);
      wantClose = true;
    }
  }

  #fetchText(breakers: readonly number[]): void {
    let data = "";
    let escaped = false;
    for (;;) {
      const r = this.#read();
      if (r === EOF) break;
      if (!escaped) {
        if (r === 0x5c) {
          escaped = true;
          continue;
        }
        if (breakers.includes(r)) {
          this.#unread();
          break;
        }
      }
      escaped = false;
      data += String.fromCodePoint(r);
    }
    if (data !== "") this.#push("text", data);
  }
}

function parseRange(tree: GNode, lex: Lexer): void {
  let not = false;
  let lo = 0;
  let hi = 0;
  let chars = "";
  for (;;) {
    const tok = lex.next();
    switch (tok.t) {
      case "eof":
        throw new BuiltinError("unexpected end");
      case "error":
        throw new BuiltinError(tok.raw);
      case "not":
        not = true;
        break;
      case "rangeLo":
        lo = tok.raw.codePointAt(0)!;
        break;
      case "rangeHi":
        hi = tok.raw.codePointAt(0)!;
        if (hi < lo) throw new BuiltinError(`hi character '${tok.raw}' should be greater than lo '${String.fromCodePoint(lo)}'`);
        break;
      case "text":
        chars = tok.raw;
        break;
      case "rangeClose": {
        const isRange = lo !== 0 && hi !== 0;
        if ((chars !== "") === isRange) throw new BuiltinError("could not parse range");
        insert(tree, isRange ? node("range", { lo, hi, not }) : node("list", { chars, not }));
        return;
      }
      default:
        break;
    }
  }
}

/** Parses a pattern into gobwas' tree: a root pattern node. */
export function parseGlob(pattern: string): GNode {
  const lex = new Lexer(pattern);
  const root = node("pattern");
  let tree = root;
  for (;;) {
    const tok = lex.next();
    switch (tok.t) {
      case "eof":
        return root;
      case "error":
        throw new BuiltinError(tok.raw);
      case "text":
        insert(tree, node("text", { text: tok.raw }));
        break;
      case "any":
      case "super":
      case "single":
        insert(tree, node(tok.t));
        break;
      case "rangeOpen":
        parseRange(tree, lex);
        break;
      case "termsOpen": {
        const a = node("anyOf");
        insert(tree, a);
        const p = node("pattern");
        insert(a, p);
        tree = p;
        break;
      }
      case "sep": {
        const p = node("pattern");
        insert(tree.parent!, p);
        tree = p;
        break;
      }
      case "termsClose":
        tree = tree.parent!.parent!;
        break;
      default:
        throw new BuiltinError(`unexpected token: ${tok.t}<"${tok.raw}">`);
    }
  }
}
