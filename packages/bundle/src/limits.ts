/**
 * Read limits, enforced while reading (never after): the count of entries and the
 * running total of file bytes are checked before a file's bytes are kept.
 */
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES } from "./constants.js";
import { BundleError } from "./errors.js";
import type { Limits } from "./types.js";

export function resolveLimits(limits: Limits | undefined): Required<Limits> {
  const maxBytes = limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxFiles = limits?.maxFiles ?? DEFAULT_MAX_FILES;
  if (!(Number.isSafeInteger(maxBytes) && maxBytes >= 0)) throw new BundleError(`invalid limit maxBytes: ${maxBytes}`);
  if (!(Number.isSafeInteger(maxFiles) && maxFiles >= 0)) throw new BundleError(`invalid limit maxFiles: ${maxFiles}`);
  return { maxBytes, maxFiles };
}

export function formatBytes(n: number): string {
  const GiB = 1024 ** 3;
  const MiB = 1024 ** 2;
  if (n >= GiB && n % GiB === 0) return `${n / GiB} GiB`;
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n < MiB) return `${n} bytes`;
  return `${(n / MiB).toFixed(1)} MiB`;
}

/** Counts entries and bytes of one bundle being read. */
export class Budget {
  readonly #name: string;
  readonly #limits: Required<Limits>;
  #entries = 0;
  #bytes = 0;

  constructor(name: string, limits: Limits | undefined) {
    this.#name = name;
    this.#limits = resolveLimits(limits);
  }

  get maxBytes(): number {
    return this.#limits.maxBytes;
  }

  get maxFiles(): number {
    return this.#limits.maxFiles;
  }

  /** One more entry (file or directory) at `path`. */
  entry(path: string): void {
    this.#entries++;
    if (this.#entries > this.#limits.maxFiles) {
      throw new BundleError(`${this.#name}: ${path}: more than ${this.#limits.maxFiles} entries (the limit); refusing to read further`);
    }
  }

  /** `size` more bytes of file content for `path`, checked before they are read. */
  bytes(path: string, size: number): void {
    this.#bytes += size;
    if (this.#bytes > this.#limits.maxBytes) {
      throw new BundleError(
        `${this.#name}: ${path}: the bundle's files exceed ${formatBytes(this.#limits.maxBytes)} uncompressed (the limit); refusing to read further`,
      );
    }
  }
}
