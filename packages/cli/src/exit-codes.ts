/**
 * Exit codes, everywhere (docs/CLI.md): 0 success; 1 the command ran and the answer
 * is "no"; 2 it could not run as asked.
 */
export const ExitCode = {
  Ok: 0,
  No: 1,
  Error: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Misuse or unreadable input: printed as a message, exit code 2. */
export class CliError extends Error {
  readonly exitCode = ExitCode.Error;
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}
