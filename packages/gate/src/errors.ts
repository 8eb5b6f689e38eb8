/**
 * Input the gate cannot run on: a document that does not match its schema, a bad
 * waiver, a bundle whose checks break the conventions. One error carries every
 * problem found in one pass, so a user fixes them together; the CLI prints them and
 * exits 2.
 */
export class GateInputError extends Error {
  /** One line each: `FILE: /pointer: reason`, or `file.rego:row:col: code: message`. */
  readonly problems: readonly string[];

  constructor(heading: string, problems: readonly string[]) {
    super(problems.length === 0 ? heading : `${heading}\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "GateInputError";
    this.problems = problems.length === 0 ? [heading] : problems;
  }
}
