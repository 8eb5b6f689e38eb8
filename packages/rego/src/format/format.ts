/**
 * `regolith fmt`: a module in canonical form, as `opa fmt` writes Rego v1.
 *
 * - Tabs indent; one blank line at most wherever the source had blank lines; a
 *   blank line after the package and around multi-line rules.
 * - Rule heads use `:=` (`p = 1` becomes `p := 1`), `contains` and `if`.
 * - A rule written on one row with one expression stays a one-liner
 *   (`allow if input.admin`, even from `allow if { input.admin }`); any other
 *   body is a block with one expression per line.
 * - Comments stay where they were, on their own lines or after the code they followed.
 *
 * The output parses to the same module (locations aside), and formatting it again
 * changes nothing; tests hold both over every module the repository has.
 */
import type * as A from "../ast/nodes.js";
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
  const p = new TermPrinter(w, rows);

  w.line(m.package.loc.row);
  w.write("package ");
  packagePath(p, m.package.path);

  // Statements in source order: imports and rules may interleave.
  const statements: (A.Import | A.Rule)[] = [...m.imports, ...m.rules].sort((a, b) => a.loc.offset - b.loc.offset);
  let previous: A.Import | A.Rule | undefined;
  for (const s of statements) {
    if (!previous || !adjacent(rows, previous, s)) w.blank();
    if (s.type === "Import") importStatement(p, s);
    else rule(p, rows, s);
    previous = s;
  }
  return w.finish();
}

/** `package a.b["c-d"]`: the path below `data`. */
function packagePath(p: TermPrinter, path: A.RefTerm): void {
  path.path.forEach((key, i) => {
    if (key.type === "String" && isRefIdent(key.value)) p.w.write(i === 0 ? key.value : `.${key.value}`, key.loc.row);
    else {
      p.w.write("[");
      p.term(key);
      p.w.write("]");
    }
  });
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
  return groupable(a) && groupable(b as A.Rule) && b.loc.row === a.loc.row + 1;
}

function groupable(r: A.Rule): boolean {
  return r.body.length <= 1 && !r.default && r.else === undefined;
}

function rule(p: TermPrinter, rows: SourceRows, r: A.Rule): void {
  p.w.line(r.loc.row);
  if (r.default) p.w.write("default ");
  head(p, r.head);
  body(p, rows, r);
  for (let prev = r, e = r.else; e; prev = e, e = e.else) {
    if (elseOnOwnLine(rows, prev, e)) {
      p.w.blank();
      p.w.line(e.loc.row);
      p.w.write("else");
    } else p.w.write(" else");
    if (e.head.value) {
      p.w.write(" := ");
      p.term(e.head.value);
    }
    body(p, rows, e);
  }
}

/** Where a rule's head ends (an `else`'s value included): a body starting there can be a one-liner. */
function headEndRow(rows: SourceRows, r: A.Rule): number {
  return r.head.value ? Math.max(r.loc.row, rows.endRow(r.head.value.loc)) : rows.endRow(r.head.loc);
}

/** `else` stays on a line of its own when it was written so (not after a `}`), or follows a one-liner. */
function elseOnOwnLine(rows: SourceRows, prev: A.Rule, e: A.Rule): boolean {
  const lineStart = rows.source.lastIndexOf("\n", e.loc.offset - 1) + 1;
  const before = rows.source.slice(lineStart, e.loc.offset);
  return before.trim() === "" || isOneLiner(rows, prev);
}

/** One expression, on the row the head ends on (and not a set, which braces would turn into a body). */
function isOneLiner(rows: SourceRows, r: A.Rule): boolean {
  if (r.body.length !== 1) return false;
  const e = r.body[0]!;
  return e.loc.row === headEndRow(rows, r) && !(e.node.type === "Set" && !e.negated);
}

function body(p: TermPrinter, rows: SourceRows, r: A.Rule): void {
  if (r.body.length === 0) return;
  if (isOneLiner(rows, r)) {
    p.w.write(" if ");
    p.expr(r.body[0]!);
    return;
  }
  p.w.write(" if {");
  const last = r.body[r.body.length - 1]!;
  const close = rows.closing(last.loc.endOffset, "}");
  p.block(r.body, close >= 0 ? close : last.loc.endOffset);
}

function head(p: TermPrinter, h: A.RuleHead): void {
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
  }
}
