/**
 * Base64 as Go's `encoding/base64` decodes it: padded, non-strict (trailing bits may
 * be set), `\r` and `\n` skipped anywhere, and errors that name the offending input
 * byte ("illegal base64 data at input byte 4"). Node's decoder is far more lenient,
 * so OPA's error cases need this one.
 */
import { BuiltinError } from "../../operands.js";

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
const CR = 0x0d;
const LF = 0x0a;

/** Go's `base64.CorruptInputError`. */
export class Base64Error extends BuiltinError {
  readonly offset: number;
  constructor(offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
    this.name = "Base64Error";
    this.offset = offset;
  }
}

function isNewline(c: number | undefined): boolean {
  return c === CR || c === LF;
}

/** Decodes padded base64 bytes with the given alphabet map; throws `Base64Error`. */
function decodeBytes(src: Uint8Array, map: Uint8Array): Buffer {
  const out: number[] = [];
  let si = 0;
  const dbuf = [0, 0, 0, 0];
  while (si < src.length) {
    let dlen = 4;
    let err: Base64Error | undefined;
    dbuf[0] = dbuf[1] = dbuf[2] = dbuf[3] = 0;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Buffer.from(out);
        // Padding is required, so a short final quantum is corrupt.
        throw new Base64Error(si - j);
      }
      const c = src[si]!;
      si++;
      const v = map[c]!;
      if (v !== 0xff) {
        dbuf[j] = v;
        continue;
      }
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== PAD) throw new Base64Error(si - 1);
      // Padding: only valid after two or three symbols.
      if (j === 0 || j === 1) throw new Base64Error(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) throw new Base64Error(src.length);
        if (src[si] !== PAD) throw new Base64Error(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) err = new Base64Error(si);
      dlen = j;
      break;
    }
    const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    const b0 = (val >> 16) & 0xff;
    const b1 = (val >> 8) & 0xff;
    const b2 = val & 0xff;
    if (dlen >= 2) out.push(b0);
    if (dlen >= 3) out.push(b1);
    if (dlen >= 4) out.push(b2);
    if (err) throw err;
  }
  return Buffer.from(out);
}

function bytesOf(s: string | Uint8Array): Uint8Array {
  return typeof s === "string" ? Buffer.from(s, "utf8") : s;
}

/** `base64.StdEncoding.DecodeString`. */
export function goBase64StdDecode(s: string | Uint8Array): Buffer {
  return decodeBytes(bytesOf(s), STD_MAP);
}

/** `base64.URLEncoding.DecodeString` (padded URL alphabet). */
export function goBase64URLDecode(s: string | Uint8Array): Buffer {
  return decodeBytes(bytesOf(s), URL_MAP);
}

/** Whether `s` decodes as padded standard base64. */
export function isGoBase64Std(s: string): boolean {
  try {
    goBase64StdDecode(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * OPA's `base64url.decode`: adds the padding an unpadded input lacks (RFC 7515
 * appendix C), then decodes with the padded URL alphabet.
 */
export function opaBase64URLDecode(s: string): Buffer {
  let padded = s;
  if (!s.endsWith("=")) {
    switch (Buffer.byteLength(s, "utf8") % 4) {
      case 0:
        break;
      case 2:
        padded += "==";
        break;
      case 3:
        padded += "=";
        break;
      default:
        throw new BuiltinError(`illegal base64url string: ${s}`);
    }
  }
  return goBase64URLDecode(padded);
}

/** `base64.RawURLEncoding.EncodeToString`. */
export function base64RawURL(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64url");
}

/** `base64.StdEncoding.EncodeToString`, how Go's JSON encoder writes a `[]byte`. */
export function base64Std(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");
}
