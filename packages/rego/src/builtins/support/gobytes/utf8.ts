/**
 * Go strings are byte strings; ours are UTF-16. These helpers move between the two
 * the way Go would look at the bytes: decoding keeps every valid UTF-8 sequence and
 * turns each byte of an invalid one into U+FFFD (Go's `for range` / `[]rune(s)`),
 * so `count()` of a decoded value agrees with OPA.
 *
 * A "binary string" holds one byte per UTF-16 unit (latin1); algorithms ported from
 * Go that index bytes run on binary strings and convert back at the end.
 */
import { goQuote } from "../../../ast/value-string.js";

const ASCII = /^[\x00-\x7f]*$/;

/** The UTF-8 bytes of `s`. */
export function utf8Bytes(s: string): Uint8Array {
  return Buffer.from(s, "utf8");
}

/** `s` as a binary string of its UTF-8 bytes. */
export function toBinary(s: string): string {
  return ASCII.test(s) ? s : Buffer.from(s, "utf8").toString("latin1");
}

/** A binary string back to text, each invalid byte becoming U+FFFD. */
export function fromBinary(bin: string): string {
  return ASCII.test(bin) ? bin : decodeUtf8(Buffer.from(bin, "latin1"));
}

const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Bytes to text as Go reads them: one U+FFFD per byte of an invalid sequence. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return decodeLossy(bytes);
  }
}

/**
 * The length of the valid UTF-8 sequence at `i` (Go's `utf8.DecodeRune` rules: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or 0 when it is invalid.
 */
export function runeWidth(b: Uint8Array | string, i: number): number {
  const at = typeof b === "string" ? (k: number) => (k < b.length ? b.charCodeAt(k) : -1) : (k: number) => (k < b.length ? b[k]! : -1);
  const c = at(i);
  if (c < 0) return 0;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const x = at(k);
    return x >= lo && x <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

function decodeLossy(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const w = runeWidth(bytes, i);
    if (w === 0) {
      out += "\ufffd";
      i++;
    } else {
      out += Buffer.from(bytes.subarray(i, i + w)).toString("utf8");
      i += w;
    }
  }
  return out;
}

/** Go's `strconv.Quote` of a binary string: invalid bytes print as `\xNN`. */
export function quoteBinary(bin: string): string {
  let out = '"';
  let i = 0;
  let run = "";
  const flush = () => {
    if (run !== "") out += goQuote(fromBinary(run)).slice(1, -1);
    run = "";
  };
  while (i < bin.length) {
    const w = runeWidth(bin, i);
    if (w === 0) {
      flush();
      out += "\\x" + bin.charCodeAt(i).toString(16).padStart(2, "0");
      i++;
    } else {
      run += bin.slice(i, i + w);
      i += w;
    }
  }
  flush();
  return out + '"';
}
