/**
 * The gzip bomb: an archive that inflates to more than 1 GiB (OPA's default limit)
 * is refused without inflating it into memory. The bombs are made here, streaming
 * zeros through gzip, so nothing large is ever held: the first claims one file of
 * 1 GiB + 1 byte; the second is a small archive followed by 1 GiB + 200 MiB of
 * zeros, which the reader must inflate (counting) to find out.
 */
import t from "tap";
import { createGzip } from "node:zlib";
import { readBundleArchive } from "@regolith/bundle";
import { tarBlock } from "../_lib/bundle-archive.js";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

async function gzipStream(head: Buffer, zeros: number): Promise<Buffer> {
  const gz = createGzip({ level: 1 });
  const out: Buffer[] = [];
  gz.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => gz.on("end", resolve));
  gz.write(head);
  const block = Buffer.alloc(MiB);
  for (let left = zeros; left > 0; left -= MiB) {
    if (!gz.write(left >= MiB ? block : block.subarray(0, left))) await new Promise((r) => gz.once("drain", r));
  }
  gz.end();
  await done;
  return Buffer.concat(out);
}

const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

t.test("a file claiming more than 1 GiB is refused at its header", async (t) => {
  const bomb = await gzipStream(tarBlock({ name: "bomb.rego", size: GiB + 1 }), GiB + 512);
  t.ok(bomb.length < 8 * MiB, `the bomb is small compressed (${(bomb.length / MiB).toFixed(1)} MiB)`);
  const before = maxRssMiB();
  const start = Date.now();
  t.throws(() => readBundleArchive(bomb, "bomb.tar.gz"), { name: "BundleError", message: "bomb.tar.gz: bomb.rego: the bundle's files exceed 1 GiB uncompressed (the limit); refusing to read further" });
  t.ok(Date.now() - start < 2000, "refused without inflating the body");
  t.ok(maxRssMiB() - before < 256, `peak RSS grew by ${(maxRssMiB() - before).toFixed(0)} MiB`);
});

t.test("an archive inflating past the limit is stopped while streaming, with flat memory", async (t) => {
  const bomb = await gzipStream(Buffer.concat([tarBlock({ name: "p.rego", body: "package p" }), Buffer.alloc(1024)]), GiB + 200 * MiB);
  const before = maxRssMiB();
  const heapBefore = process.memoryUsage().heapUsed;
  t.throws(() => readBundleArchive(bomb, "zeros.tar.gz"), { name: "BundleError", message: "zeros.tar.gz: inflates to more than 1122.7 MiB, past the 1 GiB limit; refusing to read further" });
  t.ok(maxRssMiB() - before < 256, `peak RSS grew by ${(maxRssMiB() - before).toFixed(0)} MiB`);
  t.ok(process.memoryUsage().heapUsed - heapBefore < 256 * MiB, "heap did not grow by the inflated size");
});
