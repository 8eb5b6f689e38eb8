/**
 * JWT compact serialisation as OPA's token builtins read it: three dot-separated
 * base64url parts, a header that must be a JSON object and not a JWE, JSON object
 * claims (last duplicate key wins), and the error wording OPA uses.
 */
import { parseJSON } from "../../../ast/json.js";
import { isPlainObject, objectGet, objectKeys, type ObjectValue, type Value } from "../../../ast/value.js";
import { BuiltinError, OperandError } from "../../operands.js";
import { decodeBase64UrlAddingPadding } from "../goencoding/base64.js";

export interface JWT {
  readonly header: string;
  readonly payload: string;
  readonly signature: string;
}

/** OPA's `decodeJWT`: splits the token (operand 1). */
export function splitJWT(v: Value): JWT {
  if (typeof v !== "string") throw OperandError.type(1, v, "string");
  if (!v.includes(".")) throw new BuiltinError("encoded JWT had no period separators");
  const parts = v.split(".");
  if (parts.length !== 3) throw new BuiltinError(`encoded JWT must have 3 sections, found ${parts.length}`);
  return { header: parts[0]!, payload: parts[1]!, signature: parts[2]! };
}

/** Go's json.Unmarshal wording for the common failures. */
function jsonError(text: string, e: unknown): string {
  if (text.trim() === "") return "unexpected end of JSON input";
  const m = /position (\d+)/.exec((e as Error).message);
  if (m) {
    const pos = Number(m[1]);
    const c = text[pos];
    if (c === undefined) return "unexpected end of JSON input";
    return `invalid character ${JSON.stringify(c).replace(/^"|"$/g, "'")} looking for beginning of value`;
  }
  return (e as Error).message;
}

/** OPA's `extractJSONObject`. */
export function extractJSONObject(bytes: Buffer | string): ObjectValue {
  const text = typeof bytes === "string" ? bytes : bytes.toString("utf8");
  let v: Value;
  try {
    v = parseJSON(text);
  } catch (e) {
    throw new BuiltinError(`invalid JSON: ${jsonError(text, e)}`);
  }
  if (!isPlainObject(v)) throw new BuiltinError("decoded JSON type was not an Object");
  return v;
}

/** The decoded header object; rejects JWE tokens. */
export function decodeHeader(token: JWT): ObjectValue {
  let bytes: Buffer;
  try {
    bytes = decodeBase64UrlAddingPadding(token.header);
  } catch (e) {
    throw new BuiltinError(`JWT header had invalid encoding: ${(e as Error).message}`);
  }
  let header: ObjectValue;
  try {
    header = extractJSONObject(bytes);
  } catch (e) {
    throw new BuiltinError(`bad JWT header: ${(e as Error).message}`);
  }
  if (objectGet(header, "enc") !== undefined) throw new BuiltinError("JWT is a JWE object, which is not supported");
  return header;
}

/** The decoded payload bytes. */
export function decodePayload(token: JWT): Buffer {
  try {
    return decodeBase64UrlAddingPadding(token.payload);
  } catch (e) {
    throw new BuiltinError(`JWT payload had invalid encoding: ${(e as Error).message}`);
  }
}

/** The decoded signature bytes; errors carry the decoder's own message. */
export function decodeSignature(token: JWT): Buffer {
  return decodeBase64UrlAddingPadding(token.signature);
}

/** The parsed JOSE header fields OPA checks (`parseTokenHeader`). */
export interface TokenHeader {
  readonly alg: string;
  readonly kid: string;
  readonly typ: string;
  readonly cty: string;
  readonly crit: ReadonlySet<string>;
  readonly unknown: readonly string[];
}

/** `parseTokenHeader`: typed fields, and the names of the ones OPA does not know. */
export function parseTokenHeader(h: ObjectValue): TokenHeader {
  const fields: Record<string, string> = { alg: "", kid: "", typ: "", cty: "" };
  const crit = new Set<string>();
  const unknown: string[] = [];
  for (const k of objectKeys(h)) {
    if (typeof k !== "string") continue;
    const v = objectGet(h, k)!;
    if (k in fields) {
      if (typeof v !== "string") throw new BuiltinError(`${k}: must be a string`);
      fields[k] = v;
    } else if (k === "crit") {
      if (!Array.isArray(v)) throw new BuiltinError("crit: must be a list");
      for (const e of v) {
        if (typeof e !== "string") break; // OPA stops at the first non-string
        crit.add(e);
      }
      if (crit.size === 0) throw new BuiltinError("crit: must be a nonempty list");
    } else {
      unknown.push(k);
    }
  }
  return { alg: fields["alg"]!, kid: fields["kid"]!, typ: fields["typ"]!, cty: fields["cty"]!, crit, unknown };
}

/** RFC 7515: `alg` is present and every critical parameter is understood. */
export function validHeader(h: TokenHeader): boolean {
  if (h.alg === "") return false;
  return !h.unknown.some((u) => h.crit.has(u));
}
