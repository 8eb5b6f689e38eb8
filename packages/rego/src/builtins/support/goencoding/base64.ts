/**
 * Go's `encoding/base64` (padded standard and URL alphabets). Node's decoder is far
 * more lenient, so OPA's error cases need this one: the same leniency (CR and LF are
 * skipped anywhere, trailing bits need not be zero) and the same error, "illegal
 * base64 data at input byte N" (N counts UTF-8 bytes).
 */
import { BuiltinError } from "../../operands.js";

/** Go's `base64.CorruptInputError`. Uncaught, it is a builtin error with Go's message. */
export class Base64Error extends BuiltinError {
  constructor(at: number) {
    super("illegal base64 data at input byte " + at);
    this.name = "Base64Error";
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

/** Text as its UTF-8 bytes; bytes as they are (no copy). */
function bytesOf(src: string | Uint8Array): Buffer {
  return typeof src === "string" ? Buffer.from(src, "utf8") : Buffer.from(src.buffer, src.byteOffset, src.byteLength);
}

/** `StdEncoding.DecodeString` (or `URLEncoding` when `url`); throws `Base64Error`. */
export function decodeBase64(src: string | Uint8Array, url = false): Buffer {
  const map = url ? URL_MAP : STD_MAP;
  const bytes = bytesOf(src);
  const out = Buffer.alloc(Math.floor(bytes.length / 4) * 3 + 3);
  let n = 0;
  let si = 0;
  const buf = [0, 0, 0, 0];
  while (si < bytes.length) {
    // One quantum of up to four symbols (Go's decodeQuantum).
    let dlen = 4;
    let end = false;
    for (let j = 0; j < 4; j++) {
      if (si === bytes.length) {
        if (j === 0) return out.subarray(0, n);
        throw new Base64Error(si - j); // padded encodings need whole quanta
      }
      const c = bytes[si]!;
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
        while (si < bytes.length && isNewline(bytes[si])) si++;
        if (si === bytes.length) throw new Base64Error(bytes.length);
        if (bytes[si] !== PAD) throw new Base64Error(si - 1);
        si++;
      }
      while (si < bytes.length && isNewline(bytes[si])) si++;
      if (si < bytes.length) throw new Base64Error(si); // trailing garbage
      dlen = j;
      end = true;
      break;
    }
    const val = (buf[0]! << 18) | (buf[1]! << 12) | (buf[2]! << 6) | buf[3]!;
    const decoded = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    for (let k = 0; k < dlen - 1; k++) out[n++] = decoded[k]!;
    buf[0] = buf[1] = buf[2] = buf[3] = 0;
    if (end) break;
  }
  return out.subarray(0, n);
}

/**
 * OPA's `base64url.decode`, also used for JWT segments: unpadded input gets its
 * padding first (RFC 7515 appendix C), then the padded URL alphabet decodes it.
 */
export function decodeBase64UrlAddingPadding(s: string): Buffer {
  let padded = s;
  if (!s.endsWith("=")) {
    const rem = Buffer.byteLength(s, "utf8") % 4;
    if (rem === 2) padded += "==";
    else if (rem === 3) padded += "=";
    else if (rem === 1) throw new BuiltinError("illegal base64url string: " + s);
  }
  return decodeBase64(padded, true);
}

/** `StdEncoding.EncodeToString`, also how Go's JSON encoder writes a `[]byte`. */
export function encodeBase64(src: string | Uint8Array): string {
  return bytesOf(src).toString("base64");
}

/** `URLEncoding.EncodeToString`, or `RawURLEncoding` (no padding) when `pad` is false. */
export function encodeBase64Url(src: string | Uint8Array, pad: boolean): string {
  const b = bytesOf(src).toString("base64url");
  return pad ? b + "=".repeat((4 - (b.length % 4)) % 4) : b;
}
