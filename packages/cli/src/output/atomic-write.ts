/**
 * Writes a file so that readers see the old content or the new, never half of it:
 * a temporary file in the same directory, then a rename over the target. A missing
 * parent directory is created (`-f sarif=reports/regolith.sarif` in a fresh checkout).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(temp, content, { mode: 0o644 });
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
