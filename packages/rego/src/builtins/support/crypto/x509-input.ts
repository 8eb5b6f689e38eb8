/**
 * How OPA's crypto builtins read their string inputs: PEM text, or base64 of PEM
 * text, or base64 of DER (`getX509CertsFromString`, `getPrivateKeysFromPEMData`,
 * `getTLSx509KeyPairFromString`).
 */
import type { KeyObject } from "node:crypto";
import { BoundedCache } from "./bounded-cache.js";
import { decodeBase64 } from "../goencoding/base64.js";
import { pemDecode, pemEncode } from "./pem.js";
import { parseCertificates, parseOneCertificate, type Certificate } from "./x509-certificate.js";
import { X509Error } from "./x509-publickey.js";
import { parseAnyPrivateKeyDER, parsePrivateKeyDER, publicNumbers } from "./private-keys.js";

const BEGIN = Buffer.from("-----BEGIN");

function startsWithBegin(b: Buffer): boolean {
  return b.length >= BEGIN.length && b.subarray(0, BEGIN.length).equals(BEGIN);
}

/** Every CERTIFICATE block's DER, concatenated, parsed as certificates. */
export function certsFromPEM(pem: Buffer): Certificate[] {
  const ders: Buffer[] = [];
  let rest: Buffer = pem;
  while (rest.length > 0) {
    const { block, rest: r } = pemDecode(rest);
    if (block && block.type !== "CERTIFICATE") throw new X509Error(`PEM block type is '${block.type}', expected CERTIFICATE`);
    if (!block) break;
    rest = r;
    ders.push(block.bytes);
  }
  return parseCertificates(Buffer.concat(ders));
}

const parsedCerts = new BoundedCache<readonly Certificate[]>(64);

/** `getX509CertsFromString`: PEM, base64 PEM, or base64 DER (cached: the result is shared). */
export function certsFromString(s: string): readonly Certificate[] {
  return parsedCerts.get(s, () => loadCerts(s));
}

function loadCerts(s: string): Certificate[] {
  const bytes = Buffer.from(s, "utf8");
  if (startsWithBegin(bytes)) return certsFromPEM(bytes);
  const decoded = decodeBase64(bytes);
  if (startsWithBegin(decoded)) return certsFromPEM(decoded);
  return parseCertificates(decoded);
}

/** `getPrivateKeysFromPEMData`: the RSA, PKCS #8 and EC private keys among the PEM blocks. */
export function privateKeysFromPEM(data: string | Buffer): KeyObject[] {
  let bs: Buffer = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  try {
    bs = decodeBase64(bs);
  } catch {
    // not base64: use the text as it is
  }
  const keys: KeyObject[] = [];
  while (bs.length > 0) {
    const before = bs.length;
    const { block, rest } = pemDecode(bs);
    bs = rest;
    if (!block && bs.length === 0) break;
    if (before === bs.length) break;
    if (!block) continue;
    switch (block.type) {
      case "RSA PRIVATE KEY":
        keys.push(parsePrivateKeyDER(block.bytes, "pkcs1"));
        break;
      case "PRIVATE KEY":
        keys.push(parsePrivateKeyDER(block.bytes, "pkcs8"));
        break;
      case "EC PRIVATE KEY":
        keys.push(parsePrivateKeyDER(block.bytes, "sec1"));
        break;
    }
  }
  return keys;
}

export interface KeyPair {
  readonly certificates: Buffer[];
  readonly leaf: Certificate;
  readonly privateKey: KeyObject;
}

/** `getTLSx509KeyPairFromString` followed by Go's `tls.X509KeyPair`. */
export function keyPairFromStrings(certInput: string, keyInput: string): KeyPair {
  let certPEM: Buffer = Buffer.from(certInput, "utf8");
  let keyPEM: Buffer = Buffer.from(keyInput, "utf8");
  const prefix = Buffer.from("-----BEGIN ");
  const hasPrefix = (b: Buffer): boolean => b.length >= prefix.length && b.subarray(0, prefix.length).equals(prefix);
  if (!hasPrefix(certPEM)) certPEM = decodeBase64(certPEM);
  if (!hasPrefix(keyPEM)) keyPEM = decodeBase64(keyPEM);
  if (!hasPrefix(certPEM)) certPEM = pemEncode("CERTIFICATE", certPEM);
  if (!startsWithBegin(keyPEM)) keyPEM = pemEncode("PRIVATE KEY", keyPEM);

  const certificates: Buffer[] = [];
  const skipped: string[] = [];
  let rest: Buffer = certPEM;
  for (;;) {
    const { block, rest: r } = pemDecode(rest);
    if (!block) break;
    rest = r;
    if (block.type === "CERTIFICATE") certificates.push(block.bytes);
    else skipped.push(block.type);
  }
  if (certificates.length === 0) {
    if (skipped.length === 0) throw new X509Error("tls: failed to find any PEM data in certificate input");
    if (skipped.length === 1 && skipped[0]!.endsWith("PRIVATE KEY")) {
      throw new X509Error("tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched");
    }
    throw new X509Error(`tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(" ")}]`);
  }

  skipped.length = 0;
  let keyDER: Buffer;
  rest = keyPEM;
  for (;;) {
    const { block, rest: r } = pemDecode(rest);
    rest = r;
    if (!block) {
      if (skipped.length === 0) throw new X509Error("tls: failed to find any PEM data in key input");
      if (skipped.length === 1 && skipped[0] === "CERTIFICATE") throw new X509Error("tls: found a certificate rather than a key in the PEM for the private key");
      throw new X509Error(`tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(" ")}]`);
    }
    if (block.type === "PRIVATE KEY" || block.type.endsWith(" PRIVATE KEY")) {
      keyDER = block.bytes;
      break;
    }
    skipped.push(block.type);
  }

  const leaf = parseOneCertificate(certificates[0]!);
  const privateKey = parseAnyPrivateKeyDER(keyDER);
  const pub = leaf.publicKey;
  const priv = publicNumbers(privateKey);
  switch (pub?.kind) {
    case "rsa":
      if (priv?.kind !== "rsa") throw new X509Error("tls: private key type does not match public key type");
      if (priv.a !== pub.n) throw new X509Error("tls: private key does not match public key");
      break;
    case "ecdsa":
      if (priv?.kind !== "ec") throw new X509Error("tls: private key type does not match public key type");
      if (priv.a !== pub.x || priv.b !== pub.y) throw new X509Error("tls: private key does not match public key");
      break;
    case "ed25519": {
      if (priv?.kind !== "ed25519") throw new X509Error("tls: private key type does not match public key type");
      const raw = BigInt("0x" + (Buffer.from(pub.raw).toString("hex") || "0"));
      if (priv.a !== raw) throw new X509Error("tls: private key does not match public key");
      break;
    }
    default:
      throw new X509Error("tls: unknown public key algorithm");
  }
  return { certificates, leaf, privateKey };
}
