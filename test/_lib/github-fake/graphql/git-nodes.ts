/**
 * Git objects as GraphQL nodes: the default branch's head `Commit`, and the `Tree`s and
 * `Blob`s under it (GitObject is an interface, hence `__typename` on each).
 */
import type { FakeRepo } from "../model.js";
import { rootTree, type BlobEntry, type FileNode, type TreeEntry } from "../files.js";
import { nodeId } from "../ids.js";
import { WEB, type GraphEnv, type GraphNode } from "./env.js";
import { repoNode } from "./repo-node.js";

const FILE_MODE = 0o100644;
const TREE_MODE = 0o040000;

function gitObject(env: GraphEnv, repo: FakeRepo, typename: string, oid: string) {
  const full = `${env.org.login}/${repo.name}`;
  return {
    __typename: typename,
    id: nodeId(typename.slice(0, 1), parseInt(oid.slice(0, 8), 16)),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    commitResourcePath: `/${full}/commit/${repo.headSha}`,
    commitUrl: `${WEB}/${full}/commit/${repo.headSha}`,
    repository: () => repoNode(env, repo),
  };
}

export function commitNode(env: GraphEnv, repo: FakeRepo): GraphNode {
  const full = `${env.org.login}/${repo.name}`;
  return {
    ...gitObject(env, repo, "Commit", repo.headSha),
    message: "Update workflows",
    messageHeadline: "Update workflows",
    messageBody: "",
    authoredDate: repo.pushedAt,
    committedDate: repo.pushedAt,
    url: `${WEB}/${full}/commit/${repo.headSha}`,
    resourcePath: `/${full}/commit/${repo.headSha}`,
    tree: () => treeNode(env, repo, rootTree(repo)),
  };
}

export function treeNode(env: GraphEnv, repo: FakeRepo, tree: TreeEntry): GraphNode {
  return {
    ...gitObject(env, repo, "Tree", tree.oid),
    entries: () => tree.entries.map((e) => treeEntryNode(env, repo, e)),
  };
}

export function blobNode(env: GraphEnv, repo: FakeRepo, blob: BlobEntry): GraphNode {
  const truncated = blob.byteSize > env.blobTextLimit;
  const text = blob.isBinary ? null : truncated ? Buffer.from(blob.text).subarray(0, env.blobTextLimit).toString("utf8") : blob.text;
  return {
    ...gitObject(env, repo, "Blob", blob.oid),
    byteSize: blob.byteSize,
    isBinary: blob.isBinary,
    isTruncated: truncated,
    text,
  };
}

export function fileNode(env: GraphEnv, repo: FakeRepo, node: FileNode): GraphNode {
  return node.kind === "tree" ? treeNode(env, repo, node) : blobNode(env, repo, node);
}

function treeEntryNode(env: GraphEnv, repo: FakeRepo, entry: FileNode): GraphNode {
  const isBlob = entry.kind === "blob";
  const dot = entry.name.lastIndexOf(".");
  return {
    name: entry.name,
    nameRaw: Buffer.from(entry.name).toString("base64"),
    path: entry.path,
    pathRaw: Buffer.from(entry.path).toString("base64"),
    type: entry.kind,
    mode: isBlob ? FILE_MODE : TREE_MODE,
    oid: entry.oid,
    size: isBlob ? entry.byteSize : 0,
    extension: isBlob && dot > 0 ? entry.name.slice(dot) : null,
    isGenerated: false,
    lineCount: isBlob && !entry.isBinary ? entry.text.split("\n").length - (entry.text.endsWith("\n") ? 1 : 0) : null,
    language: null,
    submodule: null,
    object: () => fileNode(env, repo, entry),
    repository: () => repoNode(env, repo),
  };
}
