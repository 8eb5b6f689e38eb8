/** Runs `regolith` in-process with captured streams. */
import { main } from "@regolith/cli";
import { Readable } from "node:stream";

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function run(argv: string[], cwd: string, stdin?: string, env: Record<string, string> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}),
    cwd,
    env,
  });
  return { code, stdout, stderr };
}
