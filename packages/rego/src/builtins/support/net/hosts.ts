/**
 * The hosts file, read the way Go's resolver reads it before asking DNS: `#` starts
 * a comment, the first field is an address literal, the rest are names matched
 * case-insensitively with or without a trailing dot. Re-read at most every 5 s.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseIPWithZone } from "./ip.js";

const MAX_AGE_MS = 5000;

interface HostsCache {
  readonly at: number;
  readonly byName: ReadonlyMap<string, readonly string[]>;
}

let cache: HostsCache | undefined;

function hostsPath(): string {
  if (process.platform === "win32") return join(process.env["SystemRoot"] ?? "C:\\Windows", "System32", "drivers", "etc", "hosts");
  return "/etc/hosts";
}

function absName(name: string): string {
  return name.endsWith(".") ? name : name + ".";
}

function readHosts(): ReadonlyMap<string, readonly string[]> {
  const byName = new Map<string, string[]>();
  let text: string;
  try {
    text = readFileSync(hostsPath(), "utf8");
  } catch {
    return byName;
  }
  for (let line of text.split("\n")) {
    const hash = line.indexOf("#");
    if (hash >= 0) line = line.slice(0, hash);
    const fields = line.split(/[ \t\r\f\v]+/).filter((f) => f !== "");
    if (fields.length < 2) continue;
    if (!parseIPWithZone(fields[0]!)) continue;
    for (const name of fields.slice(1)) {
      const key = absName(name.replace(/[A-Z]/g, (c) => c.toLowerCase()));
      const list = byName.get(key);
      if (list) list.push(fields[0]!);
      else byName.set(key, [fields[0]!]);
    }
  }
  return byName;
}

/** The address literals the hosts file lists for `name` (empty when none). */
export function lookupStaticHost(name: string): readonly string[] {
  const now = Date.now();
  if (!cache || now - cache.at > MAX_AGE_MS) cache = { at: now, byName: readHosts() };
  const key = absName(name.replace(/[A-Z]/g, (c) => c.toLowerCase()));
  return cache.byName.get(key) ?? [];
}
