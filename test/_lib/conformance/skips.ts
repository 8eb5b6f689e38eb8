/**
 * The skip list (`test/conformance/skips.yaml`), in the style of OPA's
 * `exceptions.yaml`: case IDs or globs over IDs or notes, each with a reason.
 */
import { existsSync } from "node:fs";
import { readYAML } from "../cases/case.js";

export interface Skip {
  readonly pattern: string;
  readonly reason: string;
  readonly regex: RegExp;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

export function loadSkips(path: string): Skip[] {
  if (!existsSync(path)) return [];
  const doc = (readYAML(path) ?? {}) as Record<string, unknown>;
  return Object.entries(doc).map(([pattern, reason]) => ({ pattern, reason: String(reason), regex: globToRegExp(pattern) }));
}

export function skipFor(skips: readonly Skip[], id: string, note: string): Skip | undefined {
  return skips.find((s) => s.regex.test(id) || s.regex.test(note));
}
