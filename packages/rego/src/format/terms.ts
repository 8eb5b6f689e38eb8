/**
 * Terms and expressions in canonical form, written to the formatter's Writer.
 *
 * Layout follows the source where the source made a choice, as `opa fmt` does: a
 * literal or call whose items start on more than one row is written one source row
 * of items per line (with a trailing comma), otherwise on one line; a comprehension
 * whose body starts below its opening bracket keeps its body on lines of its own.
 * Scalars keep their source spelling (`1e3`, raw strings). Operators nested in
 * operators get parentheses, so no precedence is left to the reader: `(a + b) * c`.
 */
import type * as A from "../ast/nodes.js";
import { dottedName } from "../ast/ref-name.js";
import { MEMBER, MEMBER_WITH_KEY } from "../parse/operators.js";
import type { SourceRows } from "./source-rows.js";
import type { Writer } from "./writer.js";

/**
 * Where a term sits, for the parentheses it needs: `Top` is an expression, either side
 * of `=` / `:=`, a call argument or a `with` value; `Operand` an operand of an infix
 * operator; `Item` an item of an array, set or object, where `|` and `k, v in` need
 * parentheses; `Head` the term right before a comprehension's `|` (its head, or an
 * object comprehension's value), which must be one term, so operators keep parentheses.
 */
const Place = { Top: 0, Operand: 1, Item: 2, Head: 3 } as const;
type Place = (typeof Place)[keyof typeof Place];

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS: ReadonlySet<string> = new Set(["as", "contains", "default", "else", "every", "false", "if", "import", "in", "not", "null", "package", "some", "true", "with"]);

/** Whether `s` can follow a dot in a ref (Rego v1 allows keywords there: `step.with`). */
export function isRefIdent(s: string): boolean {
  return IDENT.test(s);
}

export class TermPrinter {
  readonly w: Writer;
  readonly rows: SourceRows;
  /** The module imports `future.keywords.not`: `not {` opens a body. */
  private readonly notBlocks: boolean;
  /**
   * Where the first expression of a rule's `if { … }` block or of a `not { … }` body
   * starts (Writer.written), or -1: a `|` right there gets parentheses, or
   * `{ a | b … }` would read as a set comprehension.
   */
  private leadingUnionAt = -1;

  constructor(w: Writer, rows: SourceRows, notBlocks: boolean) {
    this.w = w;
    this.rows = rows;
    this.notBlocks = notBlocks;
  }

  // ------------------------------------------------------------ expressions

  expr(e: A.Expr): void {
    // `not {…}` would read as a negated body (with `future.keywords.not`): a term
    // that starts with a brace is negated in parentheses.
    const parens = e.negated && this.notBlocks && startsWithBrace(e.node);
    if (e.negated) this.w.write(parens ? "not (" : "not ");
    this.exprNode(e.node);
    if (parens) this.w.write(")");
    // A `with` written on a later row than what it modifies goes on a line of its
    // own, indented once; one on the same row stays there.
    let row = this.rows.endRow(e.node.loc);
    let indented = false;
    for (const m of e.with) {
      if (m.loc.row > row) {
        if (!indented) this.w.indent();
        indented = true;
        this.w.line(m.loc.row);
        row = m.loc.row;
      } else this.w.write(" ");
      this.w.write("with ");
      this.term(m.target, Place.Top);
      this.w.write(" as ");
      this.term(m.value, Place.Top);
    }
    if (indented) this.w.dedent();
  }

  private exprNode(n: A.ExprNode): void {
    switch (n.type) {
      case "Unify":
      case "Assign":
        this.term(n.left, Place.Top);
        this.w.write(n.type === "Unify" ? " = " : " := ");
        this.term(n.right, Place.Top);
        return;
      case "SomeDecl":
        this.w.write("some ");
        this.list(n.vars, Place.Top);
        return;
      case "SomeIn":
        return this.iteration("some", n.key, n.value, n.collection);
      case "Every":
        this.iteration("every", n.key, n.value, n.domain);
        this.w.write(" {", this.rows.endRow(n.domain.loc));
        this.block(n.body, n.loc.endOffset - 1, n.loc.row, false);
        return;
      case "Block":
        this.w.write("{", n.loc.row);
        this.block(n.body, n.loc.endOffset - 1, n.loc.row, true);
        return;
      case "Logic":
        n.operands.forEach((operand, i) => {
          if (i > 0) this.w.write(` ${n.op} `);
          this.logicOperand(operand);
        });
        return;
      case "Call":
        // An expression's own operator writes its operands bare (`a - b >= c`);
        // operators nested below that get parentheses.
        return this.call(n, Place.Top, true);
      default:
        this.term(n, Place.Top);
    }
  }

  /** `some k, v in xs`, `every v in xs`. */
  private iteration(keyword: string, key: A.Term | undefined, value: A.Term, collection: A.Term): void {
    this.w.write(`${keyword} `);
    if (key) {
      this.term(key, Place.Item);
      this.w.write(", ");
    }
    this.term(value, Place.Item);
    this.w.write(" in ");
    this.term(collection, Place.Operand);
  }

  /** An operand of `and`/`or`: a plain literal, or a group in parentheses. */
  private logicOperand(e: A.Expr): void {
    const plain = e.with.length === 0 && e.node.type !== "Logic";
    if (!plain) this.w.write("(");
    this.expr(e);
    if (!plain) this.w.write(")");
  }

  /**
   * The expressions of a body, one per line, and the closing `}` at `closeAt`; on the
   * opening line (`every x in xs { x > 0 }`) when all of them were written on
   * `inlineRow`. `guardFirst`: the braces follow `if` or `not`, where a leading `|`
   * needs parentheses.
   */
  block(body: A.Body, closeAt: number, inlineRow: number | undefined, guardFirst: boolean): void {
    const closeRow = this.rows.rowAt(closeAt);
    const writeExpr = (e: A.Expr, i: number): void => {
      this.leadingUnionAt = guardFirst && i === 0 ? this.w.written : -1;
      this.expr(e);
      this.leadingUnionAt = -1;
    };
    if (inlineRow !== undefined && body.every((e) => e.loc.row === inlineRow && this.rows.endRow(e.loc) === inlineRow)) {
      body.forEach((e, i) => {
        this.w.write(i === 0 ? " " : "; ");
        writeExpr(e, i);
      });
      this.w.write(" }", closeRow);
      return;
    }
    this.w.indent();
    body.forEach((e, i) => {
      this.w.line(e.loc.row);
      writeExpr(e, i);
    });
    this.w.close(closeRow);
    this.w.write("}", closeRow);
  }

  // ------------------------------------------------------------ terms

  term(t: A.Term, place: Place = Place.Top): void {
    switch (t.type) {
      case "Null":
        return this.w.write("null", t.loc.row);
      case "Boolean":
        return this.w.write(t.value ? "true" : "false", t.loc.row);
      case "Number":
        return this.w.write(this.rows.text(t.loc).replace(/\s+/g, ""), t.loc.row);
      case "String":
        return this.w.write(this.stringText(t), this.rows.endRow(t.loc));
      case "TemplateString":
        return this.w.write(this.rows.text(t.loc), this.rows.endRow(t.loc));
      case "Var":
        return this.w.write(t.name.startsWith("$") ? "_" : t.name, t.loc.row);
      case "Ref":
        return this.ref(t, false);
      case "Array":
        return this.items("[", t.items, "]", t.loc);
      case "Set":
        if (t.items.length === 0) return this.w.write("set()", this.rows.endRow(t.loc));
        return this.items("{", t.items, "}", t.loc);
      case "Object":
        return this.object(t);
      case "ArrayComprehension":
        return this.comprehension("[", t.head, undefined, t.body, "]", t.loc);
      case "SetComprehension":
        return this.comprehension("{", t.head, undefined, t.body, "}", t.loc);
      case "ObjectComprehension":
        return this.comprehension("{", t.key, t.value, t.body, "}", t.loc);
      case "Call":
        return this.call(t, place);
    }
  }

  /** A string as written (`"a\n"`, a raw string); quoted when the parser made it up. */
  private stringText(t: A.StringTerm): string {
    const first = this.rows.source[t.loc.offset];
    if ((first === '"' || first === "`") && t.loc.endOffset > t.loc.offset) return this.rows.text(t.loc);
    return JSON.stringify(t.value);
  }

  /** `head.a[x]["b-c"]`; `asWritten` keeps `["a"]` where the source had brackets (rule heads). */
  ref(t: A.RefTerm, asWritten: boolean): void {
    this.term(t.head, Place.Operand);
    for (const p of t.path) {
      // Brackets written around a keyword (`x["with"]`) or in a rule head stay.
      if (p.type === "String" && isRefIdent(p.value) && !((asWritten || KEYWORDS.has(p.value)) && this.bracketed(p))) {
        this.w.write(`.${p.value}`, p.loc.row);
        continue;
      }
      this.w.write("[");
      this.term(p, Place.Top);
      this.w.write("]");
    }
  }

  private bracketed(p: A.StringTerm): boolean {
    const first = this.rows.source[p.loc.offset];
    return first === '"' || first === "`";
  }

  private call(t: A.CallTerm, place: Place, expression = false): void {
    const name = dottedName(t.operator);
    const membership = name === MEMBER || name === MEMBER_WITH_KEY;
    if (t.infix !== undefined || membership) {
      // `k, v in xs` reads as two items anywhere but as an expression of its own.
      const parens =
        place === Place.Operand ||
        place === Place.Head ||
        (place === Place.Item && t.infix === "|") ||
        (name === MEMBER_WITH_KEY && !expression) ||
        (t.infix === "|" && this.leadingUnionAt === this.w.written);
      const operand = expression && !membership ? Place.Top : Place.Operand;
      if (parens) this.w.write("(");
      if (name === MEMBER_WITH_KEY) {
        this.term(t.args[0]!, operand);
        this.w.write(", ");
        this.term(t.args[1]!, operand);
      } else this.term(t.args[0]!, operand);
      this.w.write(membership ? " in " : ` ${t.infix} `);
      this.term(t.args[t.args.length - 1]!, operand);
      if (parens) this.w.write(")");
      return;
    }
    if (new Set(t.args.map((a) => a.loc.row)).size <= 1 && this.verbatimIfCommented(t.loc)) return;
    if (t.operator.type === "Var") this.term(t.operator);
    else this.ref(t.operator, false);
    this.items("(", t.args, ")", t.loc, Place.Top);
  }

  private object(t: A.ObjectTerm): void {
    if (t.entries.length === 0) return this.w.write("{}", this.rows.endRow(t.loc));
    this.sequence(
      "{",
      t.entries,
      (e) => e[0].loc.row,
      ([k, v]) => {
        this.term(k, Place.Item);
        this.w.write(": ");
        this.term(v, Place.Item);
      },
      "}",
      t.loc,
    );
  }

  private items(open: string, items: readonly A.Term[], close: string, loc: A.Term["loc"], place: Place = Place.Item): void {
    this.sequence(open, items, (x) => x.loc.row, (x) => this.term(x, place), close, loc);
  }

  /** `some a, b`: a plain comma-separated list. */
  private list(items: readonly A.Term[], place: Place): void {
    items.forEach((x, i) => {
      if (i > 0) this.w.write(", ");
      this.term(x, place);
    });
  }

  /**
   * Bracketed items, as `opa fmt` lays them out: on one line when they all start on
   * one source row, else one source row of items per line, each line ending in a
   * comma.
   */
  private sequence<T>(open: string, items: readonly T[], rowOf: (x: T) => number, print: (x: T) => void, close: string, loc: A.Term["loc"]): void {
    const closeRow = this.rows.endRow(loc);
    const rows = new Set(items.map(rowOf));
    if (rows.size <= 1) {
      if (this.verbatimIfCommented(loc)) return;
      this.w.write(open, loc.row);
      items.forEach((x, i) => {
        if (i > 0) this.w.write(", ");
        print(x);
      });
      this.w.write(close, closeRow);
      return;
    }
    this.w.write(open, loc.row);
    this.w.indent();
    let row = -1;
    items.forEach((x, i) => {
      const r = rowOf(x);
      if (r !== row) {
        if (i > 0) this.w.write(",");
        this.w.line(r);
        row = r;
      } else this.w.write(", ");
      print(x);
    });
    this.w.write(",");
    this.w.close(closeRow);
    this.w.write(close, closeRow);
  }

  /**
   * Writes a term laid out on one line as its source text when several comments sit
   * inside it (one can trail the line; several would lose their places); whether it did.
   */
  private verbatimIfCommented(loc: A.Term["loc"]): boolean {
    if (this.w.commentsWithin(loc.offset, loc.endOffset) < 2) return false;
    this.w.verbatim(this.rows.text(loc), loc.offset, loc.endOffset, this.rows.endRow(loc));
    return true;
  }

  /**
   * A comprehension: on one line when its body starts on the row of its opening
   * bracket, else with the body's expressions on lines of their own.
   */
  private comprehension(open: string, head: A.Term, value: A.Term | undefined, body: A.Body, close: string, loc: A.Term["loc"]): void {
    const oneLine = body.every((e) => e.loc.row === loc.row);
    if (oneLine && this.verbatimIfCommented(loc)) return;
    this.w.write(open, loc.row);
    if (value) {
      this.term(head, Place.Item);
      this.w.write(": ");
      this.term(value, Place.Head);
    } else this.term(head, Place.Head);
    this.w.write(" |");
    if (oneLine) {
      body.forEach((e, i) => {
        this.w.write(i === 0 ? " " : "; ");
        this.expr(e);
      });
      this.w.write(close, this.rows.endRow(loc));
      return;
    }
    this.w.indent();
    for (const e of body) {
      this.w.line(e.loc.row);
      this.expr(e);
    }
    this.w.close(this.rows.endRow(loc));
    this.w.write(close, this.rows.endRow(loc));
  }
}

/** Whether an expression's text starts with `{`: a set, an object, one of their comprehensions, or a ref or operator led by one. */
function startsWithBrace(n: A.ExprNode): boolean {
  switch (n.type) {
    case "Set":
      return n.items.length > 0;
    case "Object":
    case "SetComprehension":
    case "ObjectComprehension":
      return true;
    case "Ref":
      return startsWithBrace(n.head);
    case "Call":
      return (n.infix !== undefined || isMembership(n)) && startsWithBrace(n.args[0]!);
    case "Unify":
    case "Assign":
      return startsWithBrace(n.left);
    default:
      return false;
  }
}

function isMembership(t: A.CallTerm): boolean {
  const name = dottedName(t.operator);
  return name === MEMBER || name === MEMBER_WITH_KEY;
}

