/** Go's `encoding/hex` decoder and its errors. */
import { utf8Bytes } from "../gobytes/utf8.js";

export class HexError extends Error {}

function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Go's `%#U` of a byte read as a rune: "U+0067 'g'" (no quoted form when unprintable). */
function formatRune(b: number): string {
  const code = "U+" + b.toString(16).toUpperCase().padStart(4, "0");
  const printable = (b >= 0x20 && b < 0x7f) || (b >= 0xa1 && b !== 0xad);
  return printable ? `${code} '${String.fromCharCode(b)}'` : code;
}

function invalidByte(b: number): HexError {
  return new HexError("encoding/hex: invalid byte: " + formatRune(b));
}

export function decodeHex(s: string): Uint8Array {
  const src = utf8Bytes(s);
  const out = new Uint8Array(src.length >> 1);
  let j = 1;
  for (; j < src.length; j += 2) {
    const a = nibble(src[j - 1]!);
    const b = nibble(src[j]!);
    if (a < 0) throw invalidByte(src[j - 1]!);
    if (b < 0) throw invalidByte(src[j]!);
    out[j >> 1] = (a << 4) | b;
  }
  if (src.length % 2 === 1) {
    // An invalid character is the earlier problem.
    if (nibble(src[j - 1]!) < 0) throw invalidByte(src[j - 1]!);
    throw new HexError("encoding/hex: odd length hex string");
  }
  return out;
}

export function encodeHex(s: string): string {
  return Buffer.from(s, "utf8").toString("hex");
}
