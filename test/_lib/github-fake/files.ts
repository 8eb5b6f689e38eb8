/**
 * A repository's default branch as a git tree, built from the flat `files` map. GraphQL's
 * `object(expression:)` and REST's `contents/{path}` both read it, so they always agree.
 */
import type { FakeRepo } from "./model.js";
import { blobOid, sha1 } from "./ids.js";

export interface BlobEntry {
  kind: "blob";
  name: string;
  path: string;
  text: string;
  oid: string;
  byteSize: number;
  /** git's own rule: a NUL byte makes a file binary. */
  isBinary: boolean;
}

export interface TreeEntry {
  kind: "tree";
  name: string;
  /** `""` for the root. */
  path: string;
  oid: string;
  entries: FileNode[];
}

export type FileNode = BlobEntry | TreeEntry;

const trees = new WeakMap<Record<string, string>, TreeEntry>();

/** The root tree; cached per `files` object, so replace `files` (don't mutate it) to change a repo. */
export function rootTree(repo: FakeRepo): TreeEntry {
  let root = trees.get(repo.files);
  if (!root) {
    root = buildTree(repo.files);
    trees.set(repo.files, root);
  }
  return root;
}

function buildTree(files: Record<string, string>): TreeEntry {
  const root: TreeEntry = { kind: "tree", name: "", path: "", oid: "", entries: [] };
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const parts = path.split("/");
    let dir = root;
    for (const [i, name] of parts.entries()) {
      const sub = parts.slice(0, i + 1).join("/");
      if (i === parts.length - 1) {
        const byteSize = Buffer.byteLength(text);
        dir.entries.push({ kind: "blob", name, path: sub, text, oid: blobOid(text), byteSize, isBinary: text.includes("\0") });
        break;
      }
      let next = dir.entries.find((e): e is TreeEntry => e.kind === "tree" && e.name === name);
      if (!next) {
        next = { kind: "tree", name, path: sub, oid: "", entries: [] };
        dir.entries.push(next);
      }
      dir = next;
    }
  }
  fillTreeOids(root);
  return root;
}

/** A tree's oid depends on its entries, like git's (not byte-identical to git's). */
function fillTreeOids(tree: TreeEntry): string {
  const parts = tree.entries.map((e) => `${e.kind} ${e.name} ${e.kind === "tree" ? fillTreeOids(e) : e.oid}`);
  tree.oid = sha1(`tree\n${parts.join("\n")}`);
  return tree.oid;
}

export function findPath(repo: FakeRepo, path: string): FileNode | undefined {
  let node: FileNode = rootTree(repo);
  for (const name of path.split("/").filter(Boolean)) {
    if (node.kind !== "tree") return undefined;
    const child: FileNode | undefined = node.entries.find((e) => e.name === name);
    if (!child) return undefined;
    node = child;
  }
  return node;
}

/** Which revisions name the default branch's head: `HEAD`, the branch, `refs/heads/<branch>`, the sha. */
export function isDefaultRevision(repo: FakeRepo, rev: string): boolean {
  return rev === "HEAD" || rev === repo.defaultBranch || rev === `refs/heads/${repo.defaultBranch}` || rev === repo.headSha;
}

/**
 * Resolves a git revision expression `<rev>:<path>` as GraphQL's `object(expression:)`
 * does. Only the default branch exists in the fake; other revisions resolve to nothing.
 * A bare revision (no `:`) names the commit, answered as `"commit"`.
 */
export function resolveExpression(repo: FakeRepo, expression: string): FileNode | "commit" | undefined {
  const colon = expression.indexOf(":");
  const rev = colon < 0 ? expression : expression.slice(0, colon);
  if (!isDefaultRevision(repo, rev)) return undefined;
  if (colon < 0) return "commit";
  return findPath(repo, expression.slice(colon + 1));
}
