/** `regolith bundle inspect` reports: text for people, JSON for scripts. */
import type { Inspection, SignatureInfo } from "../load/bundle-inspection.js";

export function inspectionJSON(i: Inspection): string {
  return `${JSON.stringify(i, null, 2)}\n`;
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? "" : "s"}`;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function signatureLine(s: SignatureInfo | null, keyGiven: boolean): string {
  if (s === null) return keyGiven ? "none: the bundle is not signed" : "none (unsigned)";
  const what = [s.algorithm ?? "unknown algorithm", s.key_id !== null ? `key id ${JSON.stringify(s.key_id)}` : "no key id", `${s.files} files listed`];
  if (s.scope !== null) what.push(`scope ${JSON.stringify(s.scope)}`);
  if (s.iss !== null) what.push(`iss ${JSON.stringify(s.iss)}`);
  const status =
    s.status === "verified"
      ? `VERIFIED with ${s.verified_with?.file ?? "the key"}`
      : s.status === "invalid"
        ? "INVALID (see problems)"
        : "not verified (give --verification-key FILE to check it)";
  return `${what.join(", ")}: ${status}`;
}

/** Rows of two columns, the first padded to the widest. */
function table(rows: readonly (readonly [string, string])[], indent = "  "): string {
  const width = Math.max(0, ...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `${indent}${a.padEnd(width)}  ${b}`.trimEnd()).join("\n");
}

export function inspectionText(i: Inspection, keyGiven: boolean): string {
  const modules = i.files.filter((f) => f.path.endsWith(".rego")).length;
  const total = i.files.reduce((n, f) => n + f.size, 0);
  const head: [string, string][] = [
    ["bundle", i.bundle],
    ["revision", i.revision ?? "(none)"],
    ["roots", i.roots.map((r) => (r === "" ? '"" (all of data)' : r)).join(", ")],
    ["rego_version", String(i.rego_version)],
    ["signature", signatureLine(i.signature, keyGiven)],
    ["files", `${i.files.length} (${plural(modules, "module")}, ${plural(i.data.length, "data file")}; ${size(total)})`],
  ];
  for (const [k, v] of Object.entries(i.manifest.metadata ?? {})) head.push([`metadata.${k}`, typeof v === "string" ? v : JSON.stringify(v)]);
  const out = [table(head, "")];

  if (i.data.length > 0) out.push(`data (${i.data.length})\n${table(i.data.map((d) => [d.path, d.file]))}`);
  if (i.packages.length > 0) {
    out.push(`packages (${i.packages.length})\n${table(i.packages.map((p) => [p.package, `${p.files.join(", ")}${p.title ? `  (${p.title})` : ""}`]))}`);
  }
  if (i.rules.length > 0) {
    const lines = i.rules.map((r) => {
      const label = [r.id ?? "-", r.severity ?? "-"];
      return `  ${label[0]!.padEnd(12)} ${label[1]!.padEnd(9)} ${r.title ?? "(no title)"}\n  ${" ".repeat(23)}${r.package}.${r.rule} at ${r.file}:${r.row}`;
    });
    out.push(`rules with METADATA (${i.rules.length})\n  ${"ID".padEnd(12)} ${"SEVERITY".padEnd(9)} TITLE\n${lines.join("\n")}`);
  } else out.push("rules with METADATA: none");
  if (i.problems.length > 0) out.push(`problems (${i.problems.length})\n${i.problems.map((p) => `  ${p.replace(/\n/g, "\n  ")}`).join("\n")}`);
  return `${out.join("\n\n")}\n`;
}
