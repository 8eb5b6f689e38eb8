/**
 * Flag parsing shared by every command: `--name value`, `--name=value`, `-n value`,
 * booleans as `--flag`, repeatable flags collected in order, `--` ends flags.
 */
import { CliError } from "./exit-codes.js";

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly kind: "boolean" | "string" | "repeated";
  readonly value?: string;
  readonly description: string;
}

export interface ParsedFlags {
  readonly values: Map<string, string | boolean | string[]>;
  readonly positional: string[];
}

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, string | boolean | string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const rawName = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = rawName.startsWith("--") ? byLong.get(rawName.slice(2)) : byShort.get(rawName.slice(1));
    if (!spec) throw new CliError(`unknown flag: ${rawName}`);
    if (spec.kind === "boolean") {
      if (eq > 0) {
        const v = arg.slice(eq + 1);
        if (v !== "true" && v !== "false") throw new CliError(`flag --${spec.name} takes true or false, not ${JSON.stringify(v)}`);
        values.set(spec.name, v === "true");
      } else values.set(spec.name, true);
      continue;
    }
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new CliError(`flag --${spec.name} needs a value`);
      value = next;
      i++;
    }
    if (spec.kind === "repeated") {
      const list = (values.get(spec.name) as string[] | undefined) ?? [];
      list.push(value);
      values.set(spec.name, list);
    } else values.set(spec.name, value);
  }
  return { values, positional };
}

export function flagHelp(specs: readonly FlagSpec[]): string {
  const rows = specs.map((s) => {
    const names = `${s.short ? `-${s.short}, ` : "    "}--${s.name}${s.kind === "boolean" ? "" : ` ${s.value ?? "VALUE"}`}`;
    return [names, s.description] as const;
  });
  const width = Math.max(...rows.map(([n]) => n.length));
  return rows.map(([n, d]) => `  ${n.padEnd(width)}  ${d}`).join("\n");
}

export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const v = flags.values.get(name);
  return typeof v === "string" ? v : undefined;
}

export function booleanFlag(flags: ParsedFlags, name: string): boolean {
  return flags.values.get(name) === true;
}

export function repeatedFlag(flags: ParsedFlags, name: string): string[] {
  const v = flags.values.get(name);
  return Array.isArray(v) ? v : [];
}

/** Go duration syntax (`500ms`, `5s`, `1m30s`), or a bare number of seconds. */
export function parseDuration(text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = text;
  const part = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/;
  while (rest.length > 0) {
    const m = part.exec(rest);
    if (!m) throw new CliError(`invalid duration ${JSON.stringify(text)} (use e.g. 500ms, 5s, 1m)`);
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}
