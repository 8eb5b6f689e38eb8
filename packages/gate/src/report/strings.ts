/**
 * Making finding text safe to print. Messages, evidence and resources carry names
 * taken from the snapshot (repository, environment and token names), which anyone who
 * can create such a thing chooses: a name holding an ANSI escape, a newline or a
 * bidirectional override could repaint a terminal, forge a line of the report, or
 * start a GitHub workflow command in a CI log. Every reporter that writes plain text
 * goes through these helpers.
 */

/**
 * C0 controls other than tab and newline, DEL, C1 controls, the Unicode line and
 * paragraph separators, and the bidirectional embeddings, overrides and isolates.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** Unpaired UTF-16 surrogates (from a truncated name): no encoding can write them. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Any character `visible` changes (one cheap test first: most text has none). */
const NEEDS_WORK = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/;

/**
 * Unsafe characters made visible (`\x1b`, `\u202e`), unpaired surrogates replaced by
 * U+FFFD, tabs turned into a space. Newlines are kept.
 */
export function visible(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(UNSAFE, escapeChar).replace(LONE_SURROGATE, "\ufffd").replaceAll("\t", " ");
}

/** One line: `visible`, with line breaks shown as `\n` (fields that should never span lines). */
export function oneLine(text: string): string {
  return visible(text.replaceAll("\r\n", "\\n").replaceAll("\n", "\\n").replaceAll("\r", "\\r"));
}

/**
 * The lines of a block of text (a remediation, a waiver reason), each `visible`, with
 * surrounding blank lines and trailing spaces removed. Bundle metadata written as a
 * YAML block ends with a newline that is not part of the text.
 */
export function blockLines(text: string): string[] {
  const lines = text.replaceAll("\r\n", "\n").replaceAll("\r", "\n").split("\n").map((l) => visible(l).trimEnd());
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** A block's lines joined with single spaces (for one-line places such as a table cell). */
export function flatten(text: string): string {
  return blockLines(text)
    .map((l) => l.trim())
    .join(" ");
}

/**
 * GitHub's runner reads a workflow command from any line of a step's output that starts
 * with `::` (or the older `##[`) after leading spaces. A line of report text that would
 * start that way gets a backslash in front, so data can never issue a command.
 */
export function defuseCommand(line: string): string {
  const start = line.length - line.trimStart().length;
  const rest = line.slice(start);
  return rest.startsWith("::") || rest.startsWith("##[") ? `${line.slice(0, start)}\\${rest}` : line;
}
