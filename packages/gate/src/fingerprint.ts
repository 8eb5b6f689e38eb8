/**
 * Finding fingerprints: the one place the recipe is defined.
 *
 *   fingerprint = lowercase hex SHA-256 of the canonical JSON of [rule, identity]
 *
 * where `rule` is the check id and `identity` the finding's identity object (the
 * fields its METADATA `custom.identity` names: token id, repository id, environment
 * name, …). Canonical JSON is Rego's `json.marshal` (Go's encoder): no whitespace,
 * object keys sorted by code point, numbers as written, and `<`, `>`, `&`, U+2028,
 * U+2029 escaped. So a policy can compute the same value with
 * `crypto.sha256(json.marshal([rule, identity]))`.
 *
 * Nothing else goes in: not the severity (it can be remapped), not the message or
 * evidence (wording changes), and never a line number or list position. The same
 * thing therefore keeps its fingerprint across runs, input order and rewording, which
 * is what waivers' audit trails and baselines rely on. Changing this recipe
 * invalidates every stored baseline: do it only with a new baseline version.
 */
import { hash } from "node:crypto";
import { stringifyValue, type Value } from "@regolith/rego";

export function fingerprint(rule: string, identity: Readonly<Record<string, unknown>>): string {
  // crypto.hash: one call, no Hash object (a gate run fingerprints every finding).
  return hash("sha256", stringifyValue([rule, identity as Value]), "hex");
}
