/**
 * Progress on stderr: a line rewritten in place on a terminal, plain lines
 * (every tenth of the way, and at the end) when stderr is a file or a pipe.
 */
export interface ProgressSink {
  update(done: number, total: number, label: string): void;
  /** A message between progress updates (a retry, a warning). */
  note(message: string): void;
  finish(): void;
}

export function progressSink(stderr: { write(chunk: string): unknown; readonly isTTY?: boolean }, what: string): ProgressSink {
  let lastStep = -1;
  let live = false;
  const clear = () => {
    if (live) stderr.write("\r\x1b[2K");
    live = false;
  };
  return {
    update(done, total, label) {
      if (stderr.isTTY) {
        const width = 24;
        const filled = total === 0 ? width : Math.round((done / total) * width);
        stderr.write(`\r\x1b[2K${what} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${label}`);
        live = true;
        return;
      }
      const step = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (step === lastStep && done !== total) return;
      lastStep = step;
      stderr.write(`${what}: ${done}/${total} done\n`);
    },
    note(message) {
      clear();
      stderr.write(`${message}\n`);
    },
    finish() {
      clear();
    },
  };
}
