/**
 * Snapshot documents in: each one's `kind` picks its schema, each is validated before
 * anything reads it, and they are grouped into the policy input
 * `{"github": [...], "cloudflare": [...], "openai": [...]}`.
 */
import type { Value } from "@regolith/rego";
import { GateInputError } from "./errors.js";
import { schemaProblems } from "./schemas.js";
import { parseInstant } from "./time.js";

/** A value the CLI read, with the name the user gave it (a path, or `-`). */
export interface NamedValue {
  readonly name: string;
  readonly value: unknown;
}

/** Document kind → its key in the policy input, and the field that carries its time. */
export const DOCUMENT_KINDS = {
  "github-snapshot": { key: "github", time: "generated_at" },
  "cloudflare-snapshot": { key: "cloudflare", time: "generated_at" },
  "openai-federation": { key: "openai", time: "declared_at" },
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export type InputKey = (typeof DOCUMENT_KINDS)[DocumentKind]["key"];

export interface LoadedDocument {
  readonly file: string;
  readonly kind: DocumentKind;
  readonly doc: Readonly<Record<string, unknown>>;
  /** Its position in `input[key]`, as findings' `source.index` names it. */
  readonly index: number;
  /** `generated_at`, or `declared_at` for declared documents. */
  readonly time: string;
}

export interface Documents {
  /** In the order given. */
  readonly all: readonly LoadedDocument[];
  /** The policy input. */
  readonly input: Readonly<Record<InputKey, Value[]>>;
  /** By input key and index (to resolve a finding's `source`). */
  readonly byKey: Readonly<Record<InputKey, readonly LoadedDocument[]>>;
}

function isKind(kind: unknown): kind is DocumentKind {
  return typeof kind === "string" && Object.hasOwn(DOCUMENT_KINDS, kind);
}

/** One document's problems, each naming the file. */
function problemsOf(d: NamedValue): string[] {
  const v = d.value;
  if (typeof v !== "object" || v === null || Array.isArray(v)) return [`${d.name}: the document is not a JSON object`];
  const kind = (v as Record<string, unknown>)["kind"];
  const kinds = Object.keys(DOCUMENT_KINDS).join(", ");
  if (kind === undefined) return [`${d.name}: /kind: required property is missing (the document kind: ${kinds})`];
  if (!isKind(kind)) return [`${d.name}: /kind: unknown document kind ${JSON.stringify(kind)} (want ${kinds})`];
  return schemaProblems(kind, v, `${d.name}: `);
}

/**
 * Two github snapshots of one organization (logins compare case-insensitively, as
 * GitHub's do) would describe the same entities twice: refuse them rather than let one
 * hide the other. (Declared OpenAI documents may split an organization's providers
 * between files; Cloudflare snapshots of different callers or accounts may overlap in
 * tokens, and the bundle reads each token from the newest.)
 */
function collisions(all: readonly LoadedDocument[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const d of all) {
    if (d.kind !== "github-snapshot") continue;
    const login = (d.doc["org"] as { login: string }).login;
    const key = login.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) problems.push(`${d.file}: describes the same github organization ${JSON.stringify(login)} as ${first}; give one ${d.kind} document per organization`);
    else seen.set(key, d.file);
  }
  return problems;
}

export function loadDocuments(named: readonly NamedValue[]): Documents {
  if (named.length === 0) throw new GateInputError("no snapshot documents: give at least one with -i FILE", []);
  const problems = named.flatMap(problemsOf);
  if (problems.length > 0) throw new GateInputError("invalid snapshot documents:", problems);
  const input: Record<InputKey, Value[]> = { github: [], cloudflare: [], openai: [] };
  const byKey: Record<InputKey, LoadedDocument[]> = { github: [], cloudflare: [], openai: [] };
  const all = named.map((d): LoadedDocument => {
    const doc = d.value as Record<string, unknown>;
    const kind = doc["kind"] as DocumentKind;
    const { key, time } = DOCUMENT_KINDS[kind];
    const loaded = { file: d.name, kind, doc, index: input[key].length, time: doc[time] as string };
    input[key].push(doc as Value);
    byKey[key].push(loaded);
    return loaded;
  });
  const timeless = all.filter((d) => parseInstant(d.time) === undefined);
  if (timeless.length > 0) throw new GateInputError("invalid snapshot documents:", timeless.map((d) => `${d.file}: /${DOCUMENT_KINDS[d.kind].time}: not a valid date-time: ${JSON.stringify(d.time)}`));
  const clashes = collisions(all);
  if (clashes.length > 0) throw new GateInputError("overlapping snapshot documents:", clashes);
  return { all, input, byKey };
}

/**
 * The gate's clock: the newest `generated_at` / `declared_at` among the documents,
 * as that document wrote it. Waivers expire against it.
 */
export function gateClock(docs: Documents): { readonly text: string; readonly ms: number } {
  let best: { text: string; ms: number } | undefined;
  for (const d of docs.all) {
    const ms = parseInstant(d.time)!;
    if (best === undefined || ms > best.ms) best = { text: d.time, ms };
  }
  return best!;
}
