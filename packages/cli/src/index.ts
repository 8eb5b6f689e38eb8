/** @regolith/cli: the `regolith` command, callable in-process. */
export { main } from "./main.js";
export type { Streams } from "./io.js";
export { ExitCode, CliError } from "./exit-codes.js";
export { evaluate, type EvalParams, type EvalOutcome } from "./commands/eval.js";
