/**
 * What kind of credential the run used, from the token's documented prefix, for
 * the document's `source.auth`. The token itself never leaves the transport.
 */
import type { AuthKind } from "./document.js";

const PREFIXES: readonly [string, AuthKind][] = [
  ["github_pat_", "fine_grained_pat"],
  ["ghp_", "classic_pat"],
  ["ghs_", "app_installation"],
  ["gho_", "oauth"],
  ["ghu_", "oauth"],
];

export function authKind(token: string): AuthKind {
  for (const [prefix, kind] of PREFIXES) if (token.startsWith(prefix)) return kind;
  return "unknown";
}
