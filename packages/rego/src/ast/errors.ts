import type { Location } from "./location.js";

/** OPA's error codes, spelled exactly as OPA spells them. */
export const ErrorCode = {
  ParseError: "rego_parse_error",
  CompileError: "rego_compile_error",
  TypeError: "rego_type_error",
  UnsafeVarError: "rego_unsafe_var_error",
  RecursionError: "rego_recursion_error",
  FormatError: "rego_format_error",
  EvalConflictError: "eval_conflict_error",
  EvalTypeError: "eval_type_error",
  EvalBuiltinError: "eval_builtin_error",
  EvalInternalError: "eval_internal_error",
  EvalCancelError: "eval_cancel_error",
  EvalWithMergeError: "eval_with_merge_error",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** OPA's `ParserErrorDetail`: the offending line and the caret's index in it. */
export interface ErrorDetails {
  readonly line: string;
  readonly idx: number;
}

/** The JSON shape OPA prints for an error (`--format json`). */
export interface RegoErrorJSON {
  code: string;
  message: string;
  location?: { file: string; row: number; col: number };
  details?: ErrorDetails;
}

/**
 * An error as a value: a code, a message and where it happened. The location is
 * never baked into the message; the renderings below add it.
 */
export class RegoError extends Error {
  readonly code: ErrorCode;
  readonly location: Location | undefined;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, location?: Location, details?: ErrorDetails) {
    super(message);
    this.name = "RegoError";
    this.code = code;
    this.location = location;
    this.details = details;
  }

  /** OPA's JSON form: `{code, message, location: {file, row, col}}`. */
  toJSON(): RegoErrorJSON {
    const out: RegoErrorJSON = { code: this.code, message: this.message };
    if (this.location) out.location = { file: this.location.file, row: this.location.row, col: this.location.col };
    if (this.details) out.details = this.details;
    return out;
  }

  /**
   * OPA's text form: `<file>:<row>: <code>: <message>`, or `<code>: <message>` without a
   * location. For a location without a file, OPA prints `<row>:<col>`.
   */
  override toString(): string {
    const loc = this.location;
    if (!loc) return `${this.code}: ${this.message}`;
    const where = loc.file ? `${loc.file}:${loc.row}` : `${loc.row}:${loc.col}`;
    return `${where}: ${this.code}: ${this.message}`;
  }

  /**
   * The human block: `file:row:col: code: message`, then the source line and a caret
   * under the column when the source is known.
   */
  format(sources?: ReadonlyMap<string, string>): string {
    const loc = this.location;
    if (!loc) return `${this.code}: ${this.message}`;
    const head = `${loc.file || "query"}:${loc.row}:${loc.col}: ${this.code}: ${this.message}`;
    const line = this.details?.line ?? sourceLine(sources?.get(loc.file), loc.row);
    if (line === undefined) return head;
    const idx = this.details?.idx ?? loc.col - 1;
    const caretPad = line.slice(0, Math.max(0, idx)).replace(/[^\t]/g, " ");
    return `${head}\n\t${line}\n\t${caretPad}^`;
  }
}

function sourceLine(source: string | undefined, row: number): string | undefined {
  if (source === undefined) return undefined;
  const lines = source.split("\n");
  const line = lines[row - 1];
  return line === undefined ? undefined : line.replace(/\r$/, "");
}

/** Compare errors by file, row, col, then message: OPA's stable error order. */
export function compareErrors(a: RegoError, b: RegoError): number {
  const la = a.location;
  const lb = b.location;
  if (la && lb) {
    if (la.file !== lb.file) return la.file < lb.file ? -1 : 1;
    if (la.row !== lb.row) return la.row - lb.row;
    if (la.col !== lb.col) return la.col - lb.col;
  } else if (la || lb) {
    return la ? 1 : -1;
  }
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** The compiler's default error limit, as in OPA. */
export const DEFAULT_ERROR_LIMIT = 10;

/**
 * Several errors reported together (a parse or compile run). Sorted and capped; the
 * message summarises ("2 errors occurred").
 */
export class RegoErrors extends Error {
  readonly errors: readonly RegoError[];

  /**
   * Once the errors reach `limit` (or the producer stopped there: `limitReached`), the
   * first `limit` are kept and OPA's last entry follows them, `error limit reached`
   * (OPA's Compiler.err adds it with the error that reaches the limit).
   */
  constructor(errors: readonly RegoError[], limit = DEFAULT_ERROR_LIMIT, limitReached = false) {
    // Errors gathered from several runs (check: compile, strict, schemas) may carry a marker already.
    const sorted = errors.filter((e) => !isLimitMarker(e)).sort(compareErrors);
    const over = limit > 0 && (limitReached || errors.some(isLimitMarker) || sorted.length >= limit);
    const capped = over ? [...sorted.slice(0, limit), new RegoError(ErrorCode.CompileError, LIMIT_REACHED)] : sorted;
    super(summary(capped.length));
    this.name = "RegoErrors";
    this.errors = capped;
  }

  /** The code of the first error: what a caller that wants one code reports. */
  get code(): ErrorCode {
    return this.errors[0]?.code ?? ErrorCode.CompileError;
  }

  /** OPA's `ast.Errors.Error()`: "1 error occurred: …", or "N errors occurred:" and a line each. */
  override toString(): string {
    if (this.errors.length === 1) return `1 error occurred: ${this.errors[0]!.toString()}`;
    return [`${this.message}:`, ...this.errors.map((e) => e.toString())].join("\n");
  }

  toJSON(): RegoErrorJSON[] {
    return this.errors.map((e) => e.toJSON());
  }
}

const LIMIT_REACHED = "error limit reached";

function isLimitMarker(e: RegoError): boolean {
  return e.code === ErrorCode.CompileError && e.message === LIMIT_REACHED && e.location === undefined;
}

function summary(n: number): string {
  return n === 1 ? "1 error occurred" : `${n} errors occurred`;
}
