/** What a command may touch of the outside world: passed in, never taken from `process`. */
export interface Streams {
  /** `isTTY` decides whether the gate's text report is coloured. */
  readonly stdout: { write(chunk: string): unknown; readonly isTTY?: boolean };
  /** `isTTY` decides between a live progress line and plain progress lines. */
  readonly stderr: { write(chunk: string): unknown; readonly isTTY?: boolean };
  /** Standard input, for `-i -`. */
  readonly stdin?: AsyncIterable<string | Uint8Array>;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
  chunks.push(decoder.decode());
  return chunks.join("");
}
