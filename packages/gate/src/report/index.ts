/**
 * Reporters: pure functions from a GateResult to the text of one output format.
 * (Placeholder signatures; the reporters are being written.)
 */
import type { GateResult } from "../result.js";

export const FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportOptions {
  /** ANSI colour (text only; the CLI sets it only when the stream is a TTY). */
  readonly color?: boolean;
}

export type Reporter = (result: GateResult, options?: ReportOptions) => string;

function notYet(name: string): Reporter {
  return () => {
    throw new Error(`the ${name} reporter is not written yet`);
  };
}

export const REPORTERS: Readonly<Record<Format, Reporter>> = {
  text: notYet("text"),
  json: notYet("json"),
  sarif: notYet("sarif"),
  junit: notYet("junit"),
  github: notYet("github"),
  markdown: notYet("markdown"),
};

/** The Markdown job summary written to `GITHUB_STEP_SUMMARY` by the `github` format. */
export function githubStepSummary(_result: GateResult): string {
  throw new Error("the github step summary is not written yet");
}
