/** Writes minimal ustar `.tar.gz` archives for loader and bundle tests, entry by entry as given (no builder's checks). */
import { gzipSync } from "node:zlib";

export interface Entry {
  readonly name: string;
  readonly body?: string | Uint8Array;
  /** ustar type flag: "0" file (default), "2" symbolic link, "5" directory. */
  readonly type?: "0" | "2" | "5";
  readonly linkname?: string;
}

function header(e: Entry, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(e.name, 0, 100, "utf8");
  h.write(e.type === "5" ? "0000755\0" : "0000644\0", 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(size.toString(8).padStart(11, "0") + "\0", 124);
  h.write("00000000000\0", 136);
  h.write("        ", 148);
  h.write(e.type ?? "0", 156);
  if (e.linkname) h.write(e.linkname, 157, 100, "utf8");
  h.write("ustar\0", 257);
  h.write("00", 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return h;
}

/** A .tar.gz of exactly these entries, in this order. */
export function archive(entries: readonly Entry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body = e.type === "2" || e.type === "5" ? Buffer.alloc(0) : Buffer.from(e.body ?? "");
    parts.push(header(e, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

export function tarGz(files: Record<string, string>): Buffer {
  return archive(Object.entries(files).map(([name, body]) => ({ name, body })));
}
