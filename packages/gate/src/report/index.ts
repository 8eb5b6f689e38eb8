/**
 * Reporters: pure functions from a GateResult to the text of one output format, one
 * file each. Several can run on one result (`-f sarif=out.sarif -f text`).
 */
import { github } from "./github.js";
import { json } from "./json.js";
import { junit } from "./junit.js";
import { markdown } from "./markdown.js";
import { sarif } from "./sarif.js";
import { text } from "./text.js";
import type { Reporter } from "./types.js";

export type { ReportOptions, Reporter } from "./types.js";
export { githubStepSummary } from "./github.js";

export const FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

export const REPORTERS: Readonly<Record<Format, Reporter>> = { text, json, sarif, junit, github, markdown };
