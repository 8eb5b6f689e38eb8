/** JSON Web Tokens: io.jwt.*. */
import { createHmac, timingSafeEqual } from "node:crypto";
import { compareNumbers, isNumber, toDouble } from "../../ast/number.js";
import { stringifyValue, toJSONData } from "../../ast/json.js";
import { objectGet, objectKeys, type ObjectValue, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin, type BuiltinContext } from "../types.js";
import { BuiltinError, object, string } from "../operands.js";
import { encodeBase64Url } from "../support/goencoding/base64.js";
import { fastParse, headerString } from "../support/jwt/fastjson.js";
import { jwsSign, jwsVerify, opaVerify } from "../support/jwt/jws.js";
import { TOKEN_ALGORITHMS, keysFromCertOrJWK, parseSigningJWKs, type JwsKey, type VerificationKey } from "../support/jwt/keys.js";
import { decodeHeader, decodePayload, decodeSignature, extractJSONObject, parseTokenHeader, splitJWT, validHeader, type JWT } from "../support/jwt/token.js";

const OBJ = t.object(t.string, t.any);

/** `io.jwt.decode`: header, claims and hex signature, unwrapping `cty: JWT` nesting. */
function decode(v: Value): Value {
  const token = splitJWT(v);
  const header = decodeHeader(token);
  const payload = decodePayload(token);
  const cty = objectGet(header, "cty");
  if (cty === "JWT") {
    // A nested token arrives quoted, as jwt.io produces it.
    return decode(payload.toString("utf8").replace(/^["']+|["']+$/g, ""));
  }
  const claims = extractJSONObject(payload);
  let sig: Buffer;
  try {
    sig = decodeSignature(token);
  } catch (e) {
    throw new BuiltinError(`JWT signature had invalid encoding: ${(e as Error).message}`);
  }
  return [header, claims, sig.toString("hex")];
}

function signingInput(token: JWT): Buffer {
  return Buffer.from(`${token.header}.${token.payload}`, "utf8");
}

/** OPA's `builtinJWTVerify` for the public-key algorithms. */
function verifyWithKeys(args: readonly Value[], alg: string): boolean {
  const token = splitJWT(args[0]!);
  const keys = keysFromCertOrJWK(string(args, 2));
  const signature = decodeSignature(token);
  const header = parseTokenHeader(decodeHeader(token));
  const input = signingInput(token);
  if (header.kid !== "") {
    const k = keys.find((x) => x.kid === header.kid);
    if (k) return opaVerify(alg, k.key, input, signature);
  }
  for (const k of keys) {
    if (k.alg !== "" && k.alg !== header.alg) continue;
    if (opaVerify(alg, k.key, input, signature)) return true;
  }
  return false;
}

function verifyBuiltin(alg: string): Builtin {
  return defineBuiltin({
    name: `io.jwt.verify_${alg.toLowerCase()}`,
    args: [
      { name: "jwt", type: t.string, description: "JWT token whose signature is to be verified" },
      { name: "certificate", type: t.string, description: "PEM encoded certificate, PEM encoded public key, or the JWK key (set) used to verify the signature" },
    ],
    result: { name: "result", type: t.boolean, description: "`true` if the signature is valid, `false` otherwise" },
    categories: ["tokens"],
    description: `Verifies if ${alg === "EdDSA" ? "an" : "a"} ${alg} JWT signature is valid.`,
    impl: (args) => verifyWithKeys(args, alg),
  });
}

const HMAC_HASH: Record<string, string> = { HS256: "sha256", HS384: "sha384", HS512: "sha512" };

function verifyHMACBuiltin(alg: string): Builtin {
  return defineBuiltin({
    name: `io.jwt.verify_${alg.toLowerCase()}`,
    args: [
      { name: "jwt", type: t.string, description: "JWT token whose signature is to be verified" },
      { name: "secret", type: t.string, description: "plain text secret used to verify the signature" },
    ],
    result: { name: "result", type: t.boolean, description: "`true` if the signature is valid, `false` otherwise" },
    categories: ["tokens"],
    description: `Verifies if a ${alg} (secret) JWT signature is valid.`,
    impl: (args) => {
      const jwt = string(args, 1);
      const secret = string(args, 2);
      const token = splitJWT(jwt);
      const mac = createHmac(HMAC_HASH[alg]!, Buffer.from(secret, "utf8")).update(signingInput(token)).digest();
      const signature = decodeSignature(token);
      return signature.length === mac.length && timingSafeEqual(signature, mac);
    },
  });
}

interface Constraints {
  secret: string;
  alg: string;
  iss: string;
  aud: string;
  keys: readonly VerificationKey[] | undefined;
  /** Nanoseconds, as a float64. */
  time: number;
}

function timeFromValue(v: Value): number {
  if (!isNumber(v)) throw new BuiltinError("token time constraint: must be a number");
  const f = toDouble(v);
  if (!Number.isFinite(f)) throw new BuiltinError("token time constraint: unvalid float64");
  if (f < 0) throw new BuiltinError("token time constraint: must not be negative");
  return f;
}

function constraintString(name: string, v: Value): string {
  if (typeof v !== "string") throw new BuiltinError(`${name} constraint: must be a string`);
  return v;
}

/** `parseTokenConstraints`, then `validate`: exactly one of `cert` and `secret`. */
function parseConstraints(o: ObjectValue, ctx: BuiltinContext): Constraints {
  const c: Constraints = { secret: "", alg: "", iss: "", aud: "", keys: undefined, time: -1 };
  for (const k of objectKeys(o)) {
    const v = objectGet(o, k)!;
    switch (k) {
      case "cert":
        if (typeof v !== "string") throw new BuiltinError("cert constraint: must be a string");
        c.keys = keysFromCertOrJWK(v);
        break;
      case "secret":
      case "alg":
      case "iss":
      case "aud":
        c[k] = constraintString(k, v);
        break;
      case "time":
        c.time = timeFromValue(v);
        break;
      default:
        throw new BuiltinError(`unknown token validation constraint: ${typeof k === "string" ? k : stringifyValue(k)}`);
    }
  }
  if (c.time === -1) c.time = timeFromValue(Number(ctx.nowNs));
  const keyCount = (c.keys !== undefined ? 1 : 0) + (c.secret !== "" ? 1 : 0);
  if (keyCount > 1) throw new BuiltinError("duplicate key constraints");
  if (keyCount < 1) throw new BuiltinError("no key constraint");
  return c;
}

/** `(*tokenConstraints).verify`: the signature checks out under the trusted key(s). */
function constraintsVerify(c: Constraints, kid: string, alg: string, input: Buffer, signature: Buffer): boolean {
  if (c.keys !== undefined) {
    if (kid !== "") {
      const k = c.keys.find((x) => x.kid === kid);
      if (k) return jwsVerify(k.key, alg, input, signature);
    }
    for (const k of c.keys) {
      if (k.alg !== "" && k.alg !== alg) continue;
      if (jwsVerify(k.key, alg, input, signature)) return true;
    }
    return false;
  }
  const secret: JwsKey = { kind: "secret", secret: Buffer.from(c.secret, "utf8") };
  return jwsVerify(secret, alg, input, signature);
}

function validAudience(aud: Value, want: string): boolean {
  if (typeof aud === "string") return aud === want;
  if (!Array.isArray(aud)) return false;
  return aud.some((e) => typeof e === "string" && e === want);
}

const UNVERIFIED: Value = [false, {}, {}];

/** `io.jwt.decode_verify`. */
function decodeVerify(args: readonly Value[], ctx: BuiltinContext): Value {
  const constraintsObj = object(args, 2);
  const c = parseConstraints(constraintsObj, ctx);
  let a: Value = args[0]!;
  let token: JWT;
  let header: ObjectValue;
  let payloadBytes: Buffer;
  for (;;) {
    token = splitJWT(a);
    header = decodeHeader(token);
    const h = parseTokenHeader(header);
    if (!validHeader(h)) return UNVERIFIED;
    if (c.alg !== "" && c.alg !== h.alg) return UNVERIFIED;
    const signature = decodeSignature(token);
    if (!constraintsVerify(c, h.kid, h.alg, signingInput(token), signature)) return UNVERIFIED;
    payloadBytes = decodePayload(token);
    if (h.cty.toUpperCase() === "JWT") {
      a = payloadBytes.toString("utf8");
      continue;
    }
    break;
  }
  const payload = extractJSONObject(payloadBytes);

  if (c.iss !== "") {
    const iss = objectGet(payload, "iss");
    if (iss === undefined || iss !== c.iss) return UNVERIFIED;
  }
  const aud = objectGet(payload, "aud");
  if (aud !== undefined) {
    if (!validAudience(aud, c.aud)) return UNVERIFIED;
  } else if (c.aud !== "") {
    return UNVERIFIED;
  }
  const nowSeconds = c.time / 1e9;
  const exp = objectGet(payload, "exp");
  if (exp !== undefined) {
    if (!isNumber(exp)) throw new BuiltinError("exp value must be a number");
    if (compareNumbers(nowSeconds, exp) !== -1) return UNVERIFIED;
  }
  const nbf = objectGet(payload, "nbf");
  if (nbf !== undefined) {
    if (!isNumber(nbf)) throw new BuiltinError("nbf value must be a number");
    if (compareNumbers(nowSeconds, nbf) === -1) return UNVERIFIED;
  }
  return [true, header, payload];
}

/** OPA's `commonBuiltinJWTEncodeSign` over raw header, payload and JWK texts. */
function encodeSign(headers: string, payload: string, jwkSrc: string): string {
  const keys = parseSigningJWKs(jwkSrc);
  if (keys.length === 0) throw new BuiltinError("no keys found in JWK set");
  const h = fastParse(headers);
  const alg = headerString(h, "alg");
  if ("error" in alg) throw new BuiltinError(`missing or invalid 'alg' header: ${alg.error}`);
  if (!TOKEN_ALGORITHMS.has(alg.value)) throw new BuiltinError(`unknown JWS algorithm: ${alg.value}`);
  const typ = headerString(h, "typ");
  if (("error" in typ || typ.value === "JWT") && !isValidJSON(payload)) throw new BuiltinError("type is JWT but payload is not JSON");
  const input = `${encodeBase64Url(headers, false)}.${encodeBase64Url(payload, false)}`;
  const signature = jwsSign(keys[0]!.key, alg.value, Buffer.from(input, "utf8"));
  return `${input}.${encodeBase64Url(signature, false)}`;
}

function isValidJSON(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

const json = (v: Value): string => stringifyValue(toJSONData(v));

export const jwtBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "io.jwt.decode",
    args: [{ name: "jwt", type: t.string, description: "JWT token to decode" }],
    result: { name: "output", type: t.array(t.any), description: "`[header, payload, sig]`, where `header` and `payload` are objects; `sig` is the hexadecimal representation of the signature on the token." },
    categories: ["tokens"],
    description: "Decodes a JSON Web Token and outputs it as an object.",
    impl: (args) => decode(args[0]!),
  }),
  verifyBuiltin("RS256"),
  verifyBuiltin("RS384"),
  verifyBuiltin("RS512"),
  verifyBuiltin("PS256"),
  verifyBuiltin("PS384"),
  verifyBuiltin("PS512"),
  verifyBuiltin("ES256"),
  verifyBuiltin("ES384"),
  verifyBuiltin("ES512"),
  verifyBuiltin("EdDSA"),
  verifyHMACBuiltin("HS256"),
  verifyHMACBuiltin("HS384"),
  verifyHMACBuiltin("HS512"),
  defineBuiltin({
    name: "io.jwt.decode_verify",
    args: [
      { name: "jwt", type: t.string, description: "JWT token whose signature is to be verified and whose claims are to be checked" },
      { name: "constraints", type: OBJ, description: "claim verification constraints" },
    ],
    result: { name: "output", type: t.array(t.any), description: "`[valid, header, payload]`" },
    categories: ["tokens"],
    description: "Verifies a JWT signature under parameterized constraints and decodes the claims if it is valid.",
    nondeterministic: true,
    impl: decodeVerify,
  }),
  defineBuiltin({
    name: "io.jwt.encode_sign_raw",
    args: [
      { name: "headers", type: t.string, description: "JWS Protected Header" },
      { name: "payload", type: t.string, description: "JWS Payload" },
      { name: "key", type: t.string, description: "JSON Web Key (RFC7517)" },
    ],
    result: { name: "output", type: t.string, description: "signed JWT" },
    categories: ["tokensign"],
    description: "Encodes and optionally signs a JSON Web Token.",
    nondeterministic: true,
    impl: (args) => {
      const key = string(args, 3);
      return encodeSign(string(args, 1), string(args, 2), key);
    },
  }),
  defineBuiltin({
    name: "io.jwt.encode_sign",
    args: [
      { name: "headers", type: OBJ, description: "JWS Protected Header" },
      { name: "payload", type: OBJ, description: "JWS Payload" },
      { name: "key", type: OBJ, description: "JSON Web Key (RFC7517)" },
    ],
    result: { name: "output", type: t.string, description: "signed JWT" },
    categories: ["tokensign"],
    description: "Encodes and optionally signs a JSON Web Token. Inputs are taken as objects, not encoded strings (see `io.jwt.encode_sign_raw`).",
    nondeterministic: true,
    impl: (args) => encodeSign(json(args[0]!), json(args[1]!), json(args[2]!)),
  }),
];
