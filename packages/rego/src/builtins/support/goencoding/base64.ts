/**
 * Go's `encoding/base64` decoders (padded standard and URL alphabets): the same
 * leniency (CR and LF are skipped, trailing bits need not be zero) and the same
 * error, "illegal base64 data at input byte N" (N counts UTF-8 bytes).
 */
import { utf8Bytes } from "../gobytes/utf8.js";

export class Base64Error extends Error {
  constructor(at: number) {
    super("illegal base64 data at input byte " + at);
  }
}

const STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function decodeMap(alphabet: string): Uint8Array {
  const m = new Uint8Array(256).fill(0xff);
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i;
  return m;
}

const STD_MAP = decodeMap(STD);
const URL_MAP = decodeMap(URL);
const PAD = 0x3d; // '='

function isNewline(c: number | undefined): boolean {
  return c === 0x0a || c === 0x0d;
}

/** Decodes padded base64 (`url` selects the URL alphabet); throws `Base64Error`. */
export function decodeBase64(s: string, url = false): Uint8Array {
  const map = url ? URL_MAP : STD_MAP;
  const src = utf8Bytes(s);
  const out = new Uint8Array(Math.floor(src.length / 4) * 3 + 3);
  let n = 0;
  let si = 0;
  const buf = [0, 0, 0, 0];
  while (si < src.length) {
    // One quantum of up to four symbols (Go's decodeQuantum).
    let dlen = 4;
    let end = false;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return out.subarray(0, n);
        throw new Base64Error(si - j); // padded encodings need whole quanta
      }
      const c = src[si]!;
      si++;
      const v = map[c]!;
      if (v !== 0xff) {
        buf[j] = v;
        continue;
      }
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== PAD) throw new Base64Error(si - 1);
      // Padding: the end of the data.
      if (j < 2) throw new Base64Error(si - 1);
      if (j === 2) {
        // "==" expected; the first "=" is consumed.
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) throw new Base64Error(src.length);
        if (src[si] !== PAD) throw new Base64Error(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) throw new Base64Error(si); // trailing garbage
      dlen = j;
      end = true;
      break;
    }
    const val = (buf[0]! << 18) | (buf[1]! << 12) | (buf[2]! << 6) | buf[3]!;
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    for (let k = 0; k < dlen - 1; k++) out[n++] = bytes[k]!;
    buf[0] = buf[1] = buf[2] = buf[3] = 0;
    if (end) break;
  }
  return out.subarray(0, n);
}

export function encodeBase64(s: string): string {
  return Buffer.from(s, "utf8").toString("base64");
}

export function encodeBase64Url(s: string, pad: boolean): string {
  const b = Buffer.from(s, "utf8").toString("base64url");
  return pad ? b + "=".repeat((4 - (b.length % 4)) % 4) : b;
}
