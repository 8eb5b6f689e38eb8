/**
 * Identifier helpers: GitHub-looking node ids, git object ids and connection cursors.
 * All are deterministic, so snapshot tests over the fake stay stable.
 */
import { createHash } from "node:crypto";

/** A node id in GitHub's current format: a type prefix, `_`, and an opaque base64url tail. */
export function nodeId(prefix: string, databaseId: number): string {
  return `${prefix}_kgDO${Buffer.from(String(databaseId)).toString("base64url")}`;
}

export function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** The oid git gives a blob with this content, so oids match what `git hash-object` prints. */
export function blobOid(text: string): string {
  const body = Buffer.from(text);
  return createHash("sha1").update(`blob ${body.length}\0`).update(body).digest("hex");
}

/** GitHub's cursors are opaque base64; `cursor:1` is the form its older cursors decode to. */
export function encodeCursor(position: number): string {
  return Buffer.from(`cursor:${position}`).toString("base64");
}

/** The 1-based position a cursor names, or `undefined` when it is not one of ours. */
export function decodeCursor(cursor: string): number | undefined {
  const m = /^cursor:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  return m ? Number(m[1]) : undefined;
}
