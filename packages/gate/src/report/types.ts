/** The reporter contract, shared by every format. */
import type { GateResult } from "../result.js";

export interface ReportOptions {
  /** ANSI colour (text only; the CLI sets it only when the stream is a TTY). */
  readonly color?: boolean;
}

/** A pure function from a gate result to the whole text of one output format. */
export type Reporter = (result: GateResult, options?: ReportOptions) => string;
