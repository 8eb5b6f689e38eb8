/**
 * `regolith fmt`: a module in canonical form, as `opa fmt` writes Rego v1.
 *
 * - Tabs indent; one blank line at most wherever the source had blank lines; a
 *   blank line after the package and between rules, except one-liners written on
 *   consecutive rows, which stay grouped.
 * - Rule heads use `:=` (`p = 1` becomes `p := 1`), `contains` and `if`; `if true`
 *   goes. Imports are sorted within each group.
 * - A rule whose one expression was written on its head's row is a one-liner
 *   (`allow if input.admin`, even from `allow if { input.admin }`); any other body
 *   is a block with one expression per line.
 * - Comments stay where they were, on their own lines or after the code they followed.
 *
 * The output parses to the same module (locations, `:=` for `=` in heads, `if true`
 * and import order aside), and formatting it again changes nothing; tests hold both
 * over every module of the repository and of OPA's compliance suite.
 */
import { importsNotKeyword } from "../ast/future-keywords.js";
import type * as A from "../ast/nodes.js";
import { dottedName } from "../ast/ref-name.js";
import { parseModule, type ParseOptions } from "../parse/parser.js";
import { SourceRows } from "./source-rows.js";
import { TermPrinter, isRefIdent } from "./terms.js";
import { Writer } from "./writer.js";

/** Formats Rego source; throws the parse errors (RegoErrors) of source that does not parse. */
export function formatSource(source: string, options: ParseOptions = {}): string {
  return formatModule(parseModule(source, options));
}

/** A parsed module (with its `source` and `comments`) in canonical form. */
export function formatModule(m: A.Module): string {
  const rows = new SourceRows(m.source);
  const w = new Writer(rows, m.comments);
  const p = new TermPrinter(w, rows, importsNotKeyword(m));

  w.line(m.package.loc.row);
  w.write("package ");
  packagePath(p, m.package.path);

  // Statements in source order: imports and rules may interleave.
  const statements = sortImports([...m.imports, ...m.rules].sort((a, b) => a.loc.offset - b.loc.offset), m.comments);
  let previous: A.Import | A.Rule | undefined;
  for (const s of statements) {
    if (!previous || !adjacent(rows, previous, s)) {
      w.settle(s.loc.row);
      w.blank();
    }
    if (s.type === "Import") importStatement(p, s);
    else rule(p, rows, s);
    previous = s;
  }
  return w.finish();
}

/**
 * Imports sorted by path within each run on consecutive rows, as `opa fmt` sorts
 * them. A run with a comment on any of its rows keeps its order, so each comment
 * stays beside its import.
 */
function sortImports(statements: (A.Import | A.Rule)[], comments: readonly A.Comment[]): (A.Import | A.Rule)[] {
  const commented = new Set(comments.map((c) => c.loc.row));
  const text = (imp: A.Import): string => dottedName(imp.path) + (imp.alias === undefined ? "" : ` as ${imp.alias}`);
  for (let i = 0; i < statements.length; ) {
    let j = i;
    while (j < statements.length && statements[j]!.type === "Import" && (j === i || statements[j]!.loc.row === statements[j - 1]!.loc.row + 1)) j++;
    const run = statements.slice(i, j) as A.Import[];
    if (run.length > 1 && !run.some((imp) => commented.has(imp.loc.row))) {
      const sorted = [...run].sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
      // Each import takes the row of the one it replaces: rows drive the layout.
      sorted.forEach((imp, k) => (statements[i + k] = { ...imp, loc: run[k]!.loc }));
    }
    i = Math.max(j, i + 1);
  }
  return statements;
}

/** `package a.b["c-d"]`: the path below `data`, spelled as refs are (terms.ts). */
function packagePath(p: TermPrinter, path: A.RefTerm): void {
  const [first, ...rest] = path.path;
  if (first?.type === "String" && isRefIdent(first.value)) {
    p.w.write(first.value, first.loc.row);
    p.ref({ ...path, head: { type: "Var", name: "", loc: first.loc }, path: rest }, false);
  } else p.ref({ ...path, head: { type: "Var", name: "", loc: path.loc } }, false);
}

function importStatement(p: TermPrinter, imp: A.Import): void {
  p.w.line(imp.loc.row);
  p.w.write("import ");
  if (imp.path.type === "Var") p.term(imp.path);
  else p.ref(imp.path, false);
  if (imp.alias !== undefined) p.w.write(` as ${imp.alias}`);
}

/**
 * Whether two statements stay on consecutive lines: imports with no blank line
 * between them, and rules with at most one expression each, the second starting on the row
 * after the first (`x := 1` then `y := 2`). Anything else gets a blank line between.
 */
function adjacent(rows: SourceRows, a: A.Import | A.Rule, b: A.Import | A.Rule): boolean {
  if (a.type !== b.type) return false;
  if (a.type === "Import") return !rows.blankBetween(a.loc.row, b.loc.row);
  return groupable(rows, a) && groupable(rows, b as A.Rule) && b.loc.row === a.loc.row + 1;
}

/** A rule `opa fmt` keeps next to a neighbour: one line, without a body or with a one-liner. */
function groupable(rows: SourceRows, r: A.Rule): boolean {
  return !r.default && r.else === undefined && (bodyOf(r).length === 0 || isOneLiner(rows, r));
}

function rule(p: TermPrinter, rows: SourceRows, r: A.Rule): void {
  p.w.line(r.loc.row);
  if (r.default) p.w.write("default ");
  head(p, r.head, bodyOf(r).length === 0 && r.body.length > 0);
  body(p, rows, r, false);
  for (let prev = r, e = r.else; e; prev = e, e = e.else) {
    if (elseOnOwnLine(rows, prev, e)) {
      p.w.blank();
      p.w.line(e.loc.row);
      p.w.write("else");
    } else p.w.write(" else");
    if (e.head.value) {
      p.w.write(" := ");
      p.term(e.head.value);
    } else if (bodyOf(e).length === 0) p.w.write(" := true");
    body(p, rows, e, true);
  }
}

/**
 * The body to write: none for `if true` (or `if { true }`), which holds as a rule
 * without a body does, as `opa fmt` writes it.
 */
function bodyOf(r: A.Rule): A.Body {
  if (r.body.length !== 1) return r.body;
  const e = r.body[0]!;
  return !e.negated && e.with.length === 0 && e.node.type === "Boolean" && e.node.value ? [] : r.body;
}

/** Where a rule's head ends (an `else`'s value included): a body starting there can be a one-liner. */
function headEndRow(rows: SourceRows, r: A.Rule): number {
  return r.head.value ? Math.max(r.loc.row, rows.endRow(r.head.value.loc)) : rows.endRow(r.head.loc);
}

/**
 * `else` goes on a line of its own (after a blank one) unless it followed a `}` on a
 * later row than the rule or `else` before it began, as `opa fmt` decides: after a
 * one-liner, or when the whole chain was written on one row, it starts a line.
 */
function elseOnOwnLine(rows: SourceRows, prev: A.Rule, e: A.Rule): boolean {
  if (e.loc.row === prev.loc.row || isOneLiner(rows, prev) || bodyOf(prev).length === 0) return true;
  const lineStart = rows.source.lastIndexOf("\n", e.loc.offset - 1) + 1;
  return rows.source.slice(lineStart, e.loc.offset).trim() === "";
}

/** One expression, on the row the head ends on (and not a set, which braces would turn into a body). */
function isOneLiner(rows: SourceRows, r: A.Rule): boolean {
  const b = bodyOf(r);
  if (b.length !== 1) return false;
  const e = b[0]!;
  return e.loc.row === headEndRow(rows, r) && !(e.node.type === "Set" && !e.negated);
}

function body(p: TermPrinter, rows: SourceRows, r: A.Rule, isElse: boolean): void {
  const b = bodyOf(r);
  if (b.length === 0) return;
  if (isOneLiner(rows, r)) {
    p.w.write(" if ");
    p.expr(b[0]!);
    return;
  }
  p.w.write(" if {");
  const last = b[b.length - 1]!;
  const close = rows.closing(last.loc.endOffset, "}");
  p.block(b, close >= 0 ? close : last.loc.endOffset, undefined, !isElse);
}

/** `trueValue`: the rule's `if true` was dropped, so a head without a value says `:= true`. */
function head(p: TermPrinter, h: A.RuleHead, trueValue: boolean): void {
  p.ref(h.ref, true);
  if (h.args) {
    p.w.write("(");
    h.args.forEach((a, i) => {
      if (i > 0) p.w.write(", ");
      p.term(a);
    });
    p.w.write(")");
  }
  if (h.contains && h.key) {
    p.w.write(" contains ");
    p.term(h.key);
  }
  if (h.value) {
    p.w.write(" := ");
    p.term(h.value);
  } else if (trueValue && !h.contains) p.w.write(" := true");
}
