/**
 * Workflow files on the default branch: their text comes with the repository's
 * GraphQL query; each is parsed into facts (workflows/), and the workflow registry
 * adds whether GitHub considers it active. A file that does not parse is recorded
 * with its error and does not stop the run.
 */
import type { WorkflowFact } from "../document.js";
import { parseWorkflow } from "../workflows/parse.js";
import { allPages } from "../transport/pagination.js";
import { byKey, repoResource, type CollectContext } from "./context.js";

export interface GqlWorkflowsDir {
  __typename: string;
  entries?: {
    name: string;
    path: string;
    type: string;
    object: { __typename: string; oid?: string; byteSize?: number; isBinary?: boolean | null; isTruncated?: boolean; text?: string | null } | null;
  }[];
}

export interface WorkflowRepo {
  readonly fullName: string;
  readonly defaultBranch: string | null;
  readonly subClaimPrefix: string | null;
  readonly effectiveSubTemplate: readonly string[] | null;
}

const WORKFLOW_FILE = /\.ya?ml$/;

/** A blob GraphQL truncated (large files) is fetched through the contents API. */
async function fullText(ctx: CollectContext, repo: WorkflowRepo, path: string): Promise<string | null> {
  const [owner, name] = repo.fullName.split("/") as [string, string];
  const content = await ctx.coverage.read(repoResource(repo.fullName, `contents/${path}`), async () => {
    const res = await ctx.rest("GET /repos/{owner}/{repo}/contents/{path}", { owner, repo: name, path });
    return (res.data as { content?: string; encoding?: string }).content ?? "";
  });
  return content === null ? null : Buffer.from(content, "base64").toString("utf8");
}

async function registryStates(ctx: CollectContext, fullName: string): Promise<Map<string, string> | null> {
  const [owner, repo] = fullName.split("/") as [string, string];
  const list = await ctx.coverage.read(repoResource(fullName, "actions/workflows"), () =>
    allPages<{ path: string; state: string }>(ctx.rest, "GET /repos/{owner}/{repo}/actions/workflows", { owner, repo }, "workflows"),
  );
  return list && new Map(list.map((w) => [w.path, w.state]));
}

export async function readWorkflows(ctx: CollectContext, repo: WorkflowRepo, dir: GqlWorkflowsDir | null): Promise<WorkflowFact[]> {
  const files = (dir?.__typename === "Tree" ? (dir.entries ?? []) : []).filter((e) => e.type === "blob" && WORKFLOW_FILE.test(e.name));
  if (files.length === 0) return [];
  const states = await registryStates(ctx, repo.fullName);
  const facts = await Promise.all(
    files.map(async (f): Promise<WorkflowFact> => {
      const blob = f.object;
      const known = { state: states?.get(f.path) ?? null, blob_sha: blob?.oid ?? null, byte_size: blob?.byteSize ?? null };
      const unreadable = (message: string): WorkflowFact => ({
        path: f.path, name: null, ...known, parse_error: { message, line: null, column: null }, triggers: {}, permissions: null, env: {}, jobs: [],
      });
      if (blob?.isBinary) return unreadable("binary file");
      const text = blob?.isTruncated ? await fullText(ctx, repo, f.path) : (blob?.text ?? null);
      if (text === null) return unreadable("the file's text could not be read");
      const parsed = parseWorkflow(f.path, text, {
        subClaimPrefix: repo.subClaimPrefix,
        effectiveSubTemplate: repo.effectiveSubTemplate,
        defaultBranch: repo.defaultBranch,
      });
      return { ...parsed, ...known };
    }),
  );
  return facts.sort(byKey((w) => w.path));
}
