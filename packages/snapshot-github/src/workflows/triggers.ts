/**
 * `on:` in any of its three forms, normalized to a map `event → config`:
 * `on: push` and `on: [push, pull_request]` give bare events (config `null`); the
 * mapping form keeps each event's configuration (branch, tag and path filters,
 * `types`, `inputs`, cron schedules, …) with sorted keys and redacted strings.
 * Filters written as a single string are lists here, so policies read one shape.
 */
import { isMapping, redactedTree, scalarText, sortedKeys, type Mapping } from "./values.js";

const LIST_FILTERS = new Set(["branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore", "types", "workflows"]);

export function normalizeTriggers(on: unknown): Record<string, unknown> {
  if (typeof on === "string") return on === "" ? {} : { [on]: null };
  if (Array.isArray(on)) {
    const events = on.filter((e) => e !== null && e !== undefined).map(scalarText).filter((e) => e !== "");
    return Object.fromEntries([...new Set(events)].sort().map((e) => [e, null]));
  }
  if (!isMapping(on)) return {};
  return Object.fromEntries(sortedKeys(on).map((event) => [event, eventConfig(on[event])]));
}

function eventConfig(config: unknown): unknown {
  if (config === null || config === undefined) return null;
  if (!isMapping(config)) return redactedTree(config);
  const listed: Mapping = Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key, LIST_FILTERS.has(key) && typeof value === "string" ? [value] : value]),
  );
  return redactedTree(listed);
}
