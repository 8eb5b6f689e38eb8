/**
 * What every `regolith snapshot SOURCE` does around its adapter: a progress sink on
 * stderr, the adapter's fatal errors turned into exit 2, the document written to
 * standard output or atomically to `-o FILE` (nothing at all when the run failed),
 * and a one-line summary on stderr.
 */
import { resolve } from "node:path";
import { CliError, ExitCode } from "../exit-codes.js";
import type { Streams } from "../io.js";
import { writeFileAtomic } from "./atomic-write.js";
import { progressSink, type ProgressSink } from "./progress.js";

export interface SnapshotRun<D> {
  /** What the progress counts ("repositories", "accounts"). */
  readonly counting: string;
  readonly output: string | undefined;
  readonly collect: (progress: ProgressSink) => Promise<D>;
  /** The adapter's errors that mean "could not run as asked" (exit 2). */
  readonly isFatal: (e: unknown) => e is Error;
  readonly summary: (doc: D) => string;
}

export async function runSnapshot<D>(run: SnapshotRun<D>, io: Streams): Promise<number> {
  const progress = progressSink(io.stderr, run.counting);
  let doc: D;
  try {
    doc = await run.collect(progress);
  } catch (e) {
    progress.finish();
    if (run.isFatal(e)) throw new CliError(e.message);
    throw e;
  }
  progress.finish();
  const text = JSON.stringify(doc, null, 2) + "\n";
  if (run.output) writeFileAtomic(resolve(io.cwd, run.output), text);
  else io.stdout.write(text);
  io.stderr.write(run.summary(doc) + "\n");
  return ExitCode.Ok;
}
