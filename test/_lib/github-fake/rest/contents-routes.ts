/**
 * `GET /repos/{owner}/{repo}/contents/{path}`: the fallback for blobs GraphQL truncates.
 * A file answers GitHub's content object (base64 in 60-character lines, as GitHub
 * sends it), a directory its listing; `Accept: application/vnd.github.raw` answers the
 * bare text. Only the default branch exists: another `ref` answers 404.
 */
import type { FakeOrg, FakeRepo } from "../model.js";
import { findPath, isDefaultRevision, type FileNode } from "../files.js";
import { errorReply, notFound, ok, route, type Reply, type RestRequest, type Route } from "./router.js";
import { inRepo } from "./scope.js";

function entryJson(req: RestRequest, org: FakeOrg, repo: FakeRepo, node: FileNode) {
  const full = `${org.login}/${repo.name}`;
  const isFile = node.kind === "blob";
  return {
    type: isFile ? "file" : "dir",
    name: node.name,
    path: node.path,
    sha: node.oid,
    size: isFile ? node.byteSize : 0,
    url: `${req.base}/repos/${full}/contents/${node.path}?ref=${repo.defaultBranch}`,
    git_url: `${req.base}/repos/${full}/git/${isFile ? "blobs" : "trees"}/${node.oid}`,
    html_url: `https://github.com/${full}/${isFile ? "blob" : "tree"}/${repo.defaultBranch}/${node.path}`,
    download_url: isFile ? `https://raw.githubusercontent.com/${full}/${repo.defaultBranch}/${node.path}` : null,
  };
}

function contents(req: RestRequest, org: FakeOrg, repo: FakeRepo): Reply {
  const ref = req.query.get("ref");
  if (ref && !isDefaultRevision(repo, ref)) return errorReply(404, `No commit found for the ref ${ref}`);
  const node = findPath(repo, req.params["path"] ?? "");
  if (!node) return notFound();
  if (node.kind === "tree") return ok(node.entries.map((e) => entryJson(req, org, repo, e)));
  if (/application\/vnd\.github(\.v3)?\.raw/.test(req.accept)) {
    return { status: 200, body: node.text, headers: { "content-type": "application/vnd.github.raw; charset=utf-8" } };
  }
  const base64 = Buffer.from(node.text).toString("base64").replace(/.{60}/g, "$&\n");
  return ok({ ...entryJson(req, org, repo, node), encoding: "base64", content: base64.endsWith("\n") ? base64 : `${base64}\n` });
}

export const contentsRoutes: Route[] = [
  route("/repos/{owner}/{repo}/contents", inRepo(contents)),
  route("/repos/{owner}/{repo}/contents/{path+}", inRepo(contents)),
];
