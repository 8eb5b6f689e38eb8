/**
 * PEM blocks as Go's `encoding/pem.Decode` finds them: the first well-formed block
 * anywhere in the input (text before it is skipped), with optional `Key: value`
 * headers, and the rest of the input after the block's END line. A malformed
 * candidate is skipped and the search goes on, as Go's does.
 */
import { Base64Error, decodeBase64 } from "../goencoding/base64.js";

export interface PemBlock {
  readonly type: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly bytes: Buffer;
}

const BEGIN = Buffer.from("\n-----BEGIN ");
const END = Buffer.from("\n-----END ");
const DASHES = Buffer.from("-----");

function startsWith(b: Buffer, prefix: Buffer, at = 0): boolean {
  if (b.length - at < prefix.length) return false;
  return b.subarray(at, at + prefix.length).equals(prefix);
}

function trimRightSpaceTab(b: Buffer): Buffer {
  let end = b.length;
  while (end > 0 && (b[end - 1] === 0x20 || b[end - 1] === 0x09)) end--;
  return b.subarray(0, end);
}

/** Go's `getLine`: one line without its `\r\n`/`\n` and trailing blanks, and the rest. */
function getLine(data: Buffer): [Buffer, Buffer] {
  let i = data.indexOf(0x0a);
  let j: number;
  if (i < 0) {
    i = data.length;
    j = i;
  } else {
    j = i + 1;
    if (i > 0 && data[i - 1] === 0x0d) i--;
  }
  return [trimRightSpaceTab(data.subarray(0, i)), data.subarray(j)];
}

function removeSpacesAndTabs(b: Buffer): Buffer {
  const out: number[] = [];
  for (const c of b) if (c !== 0x20 && c !== 0x09) out.push(c);
  return Buffer.from(out);
}

function trimSpace(s: Buffer): string {
  return s.toString("latin1").trim();
}

/** `pem.Decode`: the first block and the rest of the input, or undefined and the input. */
export function pemDecode(data: Buffer): { block: PemBlock | undefined; rest: Buffer } {
  let rest = data;
  for (;;) {
    if (startsWith(rest, BEGIN.subarray(1))) {
      rest = rest.subarray(BEGIN.length - 1);
    } else {
      const i = rest.indexOf(BEGIN);
      if (i < 0) return { block: undefined, rest: data };
      rest = rest.subarray(i + BEGIN.length);
    }

    let typeLine: Buffer;
    [typeLine, rest] = getLine(rest);
    if (typeLine.length < DASHES.length || !typeLine.subarray(typeLine.length - DASHES.length).equals(DASHES)) continue;
    typeLine = typeLine.subarray(0, typeLine.length - DASHES.length);

    const headers = new Map<string, string>();
    let truncated = false;
    for (;;) {
      if (rest.length === 0) {
        truncated = true;
        break;
      }
      const [line, next] = getLine(rest);
      const colon = line.indexOf(0x3a);
      if (colon < 0) break;
      headers.set(trimSpace(line.subarray(0, colon)), trimSpace(line.subarray(colon + 1)));
      rest = next;
    }
    if (truncated) return { block: undefined, rest: data };

    let endIndex: number;
    let endTrailerIndex: number;
    if (headers.size === 0 && startsWith(rest, END.subarray(1))) {
      endIndex = 0;
      endTrailerIndex = END.length - 1;
    } else {
      endIndex = rest.indexOf(END);
      endTrailerIndex = endIndex + END.length;
    }
    if (endIndex < 0) continue;

    let endTrailer = rest.subarray(endTrailerIndex);
    const endTrailerLen = typeLine.length + DASHES.length;
    if (endTrailer.length < endTrailerLen) continue;
    const restOfEndLine = endTrailer.subarray(endTrailerLen);
    endTrailer = endTrailer.subarray(0, endTrailerLen);
    if (!startsWith(endTrailer, typeLine) || !endTrailer.subarray(endTrailer.length - DASHES.length).equals(DASHES)) continue;
    if (getLine(restOfEndLine)[0].length !== 0) continue;

    let bytes: Buffer;
    try {
      bytes = decodeBase64(removeSpacesAndTabs(rest.subarray(0, endIndex)));
    } catch (e) {
      if (e instanceof Base64Error) continue;
      throw e;
    }
    const after = getLine(rest.subarray(endIndex + END.length - 1))[1];
    return { block: { type: typeLine.toString("latin1"), headers, bytes }, rest: after };
  }
}

/** Encodes one block as `pem.Encode` does (64-column base64, no headers). */
export function pemEncode(type: string, bytes: Uint8Array): Buffer {
  const b64 = Buffer.from(bytes).toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return Buffer.from(`-----BEGIN ${type}-----\n${lines.map((l) => l + "\n").join("")}-----END ${type}-----\n`, "latin1");
}
