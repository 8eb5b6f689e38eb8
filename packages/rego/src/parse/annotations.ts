/**
 * METADATA blocks: a comment `# METADATA` followed by comment lines at column 1 on
 * consecutive rows holds YAML. A block attaches to the statement that follows it;
 * its scope defaults to `package` or `rule` by that statement, as in OPA.
 */
import { parse as parseYAML } from "yaml";
import type { Location } from "../ast/location.js";
import type * as A from "../ast/nodes.js";
import type { RegoError } from "../ast/errors.js";
import { parseError } from "./errors.js";
import type { Statement } from "./cst-to-ast.js";

interface Block {
  readonly loc: Location;
  readonly lastRow: number;
  readonly lines: string[];
}

function collectBlocks(comments: readonly A.Comment[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let prevRow = -1;
  for (const c of comments) {
    if (current && c.loc.row === prevRow + 1 && c.loc.col === 1) {
      current.lines.push(c.text.startsWith(" ") ? c.text.slice(1) : c.text);
      (current as { lastRow: number }).lastRow = c.loc.row;
      prevRow = c.loc.row;
      continue;
    }
    current = undefined;
    if (c.text.trim().startsWith("METADATA")) {
      current = { loc: c.loc, lastRow: c.loc.row, lines: [] };
      blocks.push(current);
    }
    prevRow = c.loc.row;
  }
  return blocks;
}

const KNOWN_SCOPES: readonly string[] = ["rule", "document", "package", "subpackages"];

const SCOPES_FOR: Record<string, readonly string[]> = {
  Package: ["package", "subpackages"],
  Rule: ["rule", "document"],
};

/**
 * OPA's scope for a block that names none: the package, or the rule (the whole
 * document for an entrypoint). Before an import, or with nothing after it, the
 * block gets a scope that the checks below reject, with OPA's message.
 */
function defaultScope(target: string | undefined, entrypoint: boolean): string {
  if (target === "Package") return "package";
  if (target === "Rule") return entrypoint ? "document" : "rule";
  return target === "Import" ? "import" : "";
}

/** Parses the blocks and pairs each with the statement it annotates. */
export function attachAnnotations(
  comments: readonly A.Comment[],
  statements: readonly Statement[],
  source: string,
): { byStatement: Map<Statement, A.Annotations[]>; errors: RegoError[] } {
  const byStatement = new Map<Statement, A.Annotations[]>();
  const errors: RegoError[] = [];
  for (const block of collectBlocks(comments)) {
    const text = block.lines.join("\n");
    if (text.trim() === "") {
      errors.push(parseError("expected METADATA block, found whitespace", block.loc, source));
      continue;
    }
    let data: unknown;
    try {
      data = parseYAML(text);
    } catch (e) {
      errors.push(parseError(`yaml: ${(e as Error).message.split("\n")[0]}`, block.loc, source));
      continue;
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      errors.push(parseError("yaml: METADATA block must be a mapping", block.loc, source));
      continue;
    }
    const target = statements.find((s) => s.loc.row > block.lastRow);
    const record = data as Record<string, unknown>;
    const declared = typeof record.scope === "string" ? record.scope : undefined;
    const kind = target?.type === "Package" ? "Package" : target?.type === "Rule" ? "Rule" : undefined;
    const scope = declared ?? defaultScope(target?.type, record.entrypoint === true);
    if (!KNOWN_SCOPES.includes(scope)) {
      errors.push(parseError(`invalid annotation scope '${scope}'. Use one of 'rule', 'document', 'package', or 'subpackages'`, block.loc, source));
      continue;
    }
    if (!kind || !SCOPES_FOR[kind]!.includes(scope)) {
      const want = scope === "package" || scope === "subpackages" ? "package" : "rule";
      const have = target ? ` (have ${target.type === "Import" ? "import" : target.type.toLowerCase()})` : "";
      errors.push(parseError(`annotation scope '${scope}' must be applied to ${want}${have}`, block.loc, source));
      continue;
    }
    if (record.entrypoint === true && scope !== "document" && scope !== "package") {
      errors.push(parseError(`annotation entrypoint applied to non-document or package scope '${scope}'`, block.loc, source));
      continue;
    }
    const annotation: A.Annotations = { type: "Annotations", scope, data: record, loc: block.loc };
    const list = byStatement.get(target!) ?? [];
    list.push(annotation);
    byStatement.set(target!, list);
  }
  return { byStatement, errors };
}
