/** Hashes, HMACs, x509 certificates and keys. */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { isNumber } from "../../ast/number.js";
import { RSet, objectGet, objectKeys, type ObjectValue, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { BuiltinError, OperandError, object, string } from "../operands.js";
import { decodeBase64, encodeBase64 } from "../support/goencoding/base64.js";
import { goInt64 } from "../support/crypto/go-int64.js";
import { pemDecode } from "../support/crypto/pem.js";
import { certificateValue } from "../support/crypto/x509-json.js";
import { parseCertificateRequestValue } from "../support/crypto/x509-csr.js";
import { certsFromString, keyPairFromStrings, privateKeysFromPEM } from "../support/crypto/x509-input.js";
import { privateKeyJWK, privateKeyValue } from "../support/crypto/private-keys.js";
import { verifyChain, type VerifyOptions } from "../support/crypto/x509-verify.js";
import type { Certificate } from "../support/crypto/x509-certificate.js";
import { ExtKeyUsage } from "../support/crypto/x509-oids.js";

const CERTS = t.array(t.object(t.string, t.any));
const OBJ = t.object(t.string, t.any);

function hashBuiltin(name: string, algorithm: string, label: string): Builtin {
  return defineBuiltin({
    name,
    args: [{ name: "x", type: t.string, description: "input string" }],
    result: { name: "y", type: t.string, description: `${label}-hash of \`x\`` },
    categories: ["crypto"],
    description: `Returns a string representing the input string hashed with the ${label} function`,
    impl: (args) => createHash(algorithm).update(string(args, 1), "utf8").digest("hex"),
  });
}

function hmacBuiltin(name: string, algorithm: string, label: string): Builtin {
  return defineBuiltin({
    name,
    args: [
      { name: "x", type: t.string, description: "input string" },
      { name: "key", type: t.string, description: "key to use" },
    ],
    result: { name: "y", type: t.string, description: `${label}-HMAC of \`x\`` },
    categories: ["crypto"],
    description: `Returns a string representing the ${label} HMAC of the input message using the input key.`,
    impl: (args) => {
      const message = string(args, 1);
      const key = string(args, 2);
      return createHmac(algorithm, Buffer.from(key, "utf8")).update(message, "utf8").digest("hex");
    },
  });
}

/** `[false, []]`: a chain that did not parse or verify. */
const UNVERIFIED: Value = [false, []];

function nowMs(nowNs: bigint): number {
  return Number(nowNs / 1_000_000n);
}

function parseAndVerify(input: string, opts: VerifyOptions, withURIStrings: boolean): Value {
  let certs: readonly Certificate[];
  try {
    certs = certsFromString(input);
  } catch {
    return UNVERIFIED;
  }
  if (certs.length < 2) return UNVERIFIED;
  const chain = verifyChain(certs[certs.length - 1]!, certs.slice(1, -1), [certs[0]!], opts);
  if (typeof chain === "string") return UNVERIFIED;
  return [true, chain.map((c) => certificateValue(c, withURIStrings))];
}

const KEY_USAGES: ReadonlyMap<string, number> = new Map([
  ["KeyUsageAny", ExtKeyUsage.Any],
  ["KeyUsageServerAuth", ExtKeyUsage.ServerAuth],
  ["KeyUsageClientAuth", ExtKeyUsage.ClientAuth],
  ["KeyUsageCodeSigning", ExtKeyUsage.CodeSigning],
  ["KeyUsageEmailProtection", ExtKeyUsage.EmailProtection],
  ["KeyUsageIPSECEndSystem", ExtKeyUsage.IPSECEndSystem],
  ["KeyUsageIPSECTunnel", ExtKeyUsage.IPSECTunnel],
  ["KeyUsageIPSECUser", ExtKeyUsage.IPSECUser],
  ["KeyUsageTimeStamping", ExtKeyUsage.TimeStamping],
  ["KeyUsageOCSPSigning", ExtKeyUsage.OCSPSigning],
  ["KeyUsageMicrosoftServerGatedCrypto", ExtKeyUsage.MicrosoftServerGatedCrypto],
  ["KeyUsageNetscapeServerGatedCrypto", ExtKeyUsage.NetscapeServerGatedCrypto],
  ["KeyUsageMicrosoftCommercialCodeSigning", ExtKeyUsage.MicrosoftCommercialCodeSigning],
  ["KeyUsageMicrosoftKernelCodeSigning", ExtKeyUsage.MicrosoftKernelCodeSigning],
]);

/** OPA's `extractVerifyOpts`: the options object as Go's `x509.VerifyOptions`. */
function verifyOptions(options: ObjectValue, nowNs: bigint): VerifyOptions {
  let dnsName = "";
  let currentTimeMs = nowMs(nowNs);
  const keyUsages: number[] = [];
  for (const key of objectKeys(options)) {
    if (typeof key !== "string") continue;
    const v = objectGet(options, key)!;
    switch (key) {
      case "DNSName":
        if (typeof v !== "string") throw new BuiltinError("'DNSName' should be a string");
        dnsName = v.replace(/^"+|"+$/g, "");
        break;
      case "CurrentTime": {
        if (!isNumber(v)) throw new BuiltinError("'CurrentTime' should be a number");
        const ns = goInt64(v);
        if (ns === undefined) throw new BuiltinError("'CurrentTime' should be a valid int64 number");
        currentTimeMs = Number(ns) / 1e6;
        break;
      }
      case "MaxConstraintComparisons": {
        if (!isNumber(v)) throw new BuiltinError("'MaxConstraintComparisons' should be a number");
        if (goInt64(v) === undefined) throw new BuiltinError("'MaxConstraintComparisons' should be a valid number");
        break;
      }
      case "KeyUsages": {
        const items = Array.isArray(v) ? v : v instanceof RSet ? v.sorted() : undefined;
        if (!items) throw new BuiltinError("'KeyUsages' should be an Array or Set");
        const invalid: string[] = [];
        for (const u of items) {
          if (typeof u !== "string") continue;
          const name = u.replace(/^"+|"+$/g, "");
          const usage = KEY_USAGES.get(name);
          if (usage === undefined) invalid.push(name);
          else keyUsages.push(usage);
        }
        if (invalid.length > 0) throw new BuiltinError(`invalid entries for 'KeyUsages' found: [${invalid.join(" ")}]`);
        break;
      }
      default:
        throw new BuiltinError("invalid key option");
    }
  }
  return { dnsName, currentTimeMs, keyUsages };
}

/** The CSR bytes: PEM text, or base64 of PEM or DER. */
function csrBytes(input: string): Buffer {
  let bytes: Buffer = Buffer.from(input, "utf8");
  if (!input.startsWith("-----BEGIN CERTIFICATE REQUEST-----")) bytes = decodeBase64(input);
  const { block } = pemDecode(bytes);
  if (block && block.type !== "CERTIFICATE REQUEST") throw new BuiltinError("invalid PEM-encoded certificate signing request");
  return block ? block.bytes : bytes;
}

export const cryptoBuiltins: readonly Builtin[] = [
  hashBuiltin("crypto.md5", "md5", "MD5"),
  hashBuiltin("crypto.sha1", "sha1", "SHA1"),
  hashBuiltin("crypto.sha256", "sha256", "SHA256"),
  hmacBuiltin("crypto.hmac.md5", "md5", "MD5"),
  hmacBuiltin("crypto.hmac.sha1", "sha1", "SHA1"),
  hmacBuiltin("crypto.hmac.sha256", "sha256", "SHA256"),
  hmacBuiltin("crypto.hmac.sha512", "sha512", "SHA512"),
  defineBuiltin({
    name: "crypto.hmac.equal",
    args: [
      { name: "mac1", type: t.string, description: "mac1 to compare" },
      { name: "mac2", type: t.string, description: "mac2 to compare" },
    ],
    result: { name: "result", type: t.boolean, description: "`true` if the MACs are equals, `false` otherwise" },
    categories: ["crypto"],
    description: "Returns a boolean representing the result of comparing two MACs for equality without leaking timing information.",
    impl: (args) => {
      const a = Buffer.from(string(args, 1), "utf8");
      const b = Buffer.from(string(args, 2), "utf8");
      return a.length === b.length && timingSafeEqual(a, b);
    },
  }),
  defineBuiltin({
    name: "crypto.x509.parse_certificates",
    args: [{ name: "certs", type: t.string, description: "base64 encoded DER or PEM data containing one or more certificates or a PEM string of one or more certificates" }],
    result: { name: "output", type: CERTS, description: "parsed X.509 certificates represented as objects" },
    categories: ["crypto"],
    description: "Returns zero or more certificates from the given encoded string containing DER certificate data.",
    impl: (args) => certsFromString(string(args, 1)).map((c) => certificateValue(c, true)),
  }),
  defineBuiltin({
    name: "crypto.x509.parse_and_verify_certificates",
    args: [
      {
        name: "certs",
        type: t.string,
        description: "base64 encoded DER or PEM data containing two or more certificates where the first is a root CA, the last is a leaf certificate, and all others are intermediate CAs",
      },
    ],
    result: { name: "output", type: t.array(t.any), description: "array of `[valid, certs]`" },
    categories: ["crypto"],
    description:
      "Returns one or more certificates from the given string containing PEM or base64 encoded DER certificates after verifying the supplied certificates form a complete certificate chain back to a trusted root.",
    impl: (args, ctx) => parseAndVerify(string(args, 1), { dnsName: "", currentTimeMs: nowMs(ctx.nowNs), keyUsages: [] }, true),
  }),
  defineBuiltin({
    name: "crypto.x509.parse_and_verify_certificates_with_options",
    args: [
      {
        name: "certs",
        type: t.string,
        description: "base64 encoded DER or PEM data containing two or more certificates where the first is a root CA, the last is a leaf certificate, and all others are intermediate CAs",
      },
      { name: "options", type: OBJ, description: "object containing extra configs to verify the validity of certificates" },
    ],
    result: { name: "output", type: t.array(t.any), description: "array of `[valid, certs]`" },
    categories: ["crypto"],
    description:
      "Returns one or more certificates from the given string containing PEM or base64 encoded DER certificates after verifying the supplied certificates form a complete certificate chain back to a trusted root. A config option passed as the second argument can be used to configure the validation options used.",
    impl: (args, ctx) => {
      const input = string(args, 1);
      const options = object(args, 2);
      let certs: readonly Certificate[];
      try {
        certs = certsFromString(input);
      } catch {
        return UNVERIFIED;
      }
      const opts = verifyOptions(options, ctx.nowNs);
      if (certs.length < 2) return UNVERIFIED;
      const chain = verifyChain(certs[certs.length - 1]!, certs.slice(1, -1), [certs[0]!], opts);
      if (typeof chain === "string") return UNVERIFIED;
      return [true, chain.map((c) => certificateValue(c, false))];
    },
  }),
  defineBuiltin({
    name: "crypto.x509.parse_certificate_request",
    args: [{ name: "csr", type: t.string, description: "base64 string containing either a PEM encoded or DER CSR or a string containing a PEM CSR" }],
    result: { name: "output", type: OBJ, description: "X.509 CSR represented as an object" },
    categories: ["crypto"],
    description: "Returns a PKCS #10 certificate signing request from the given PEM-encoded PKCS#10 certificate signing request.",
    impl: (args) => parseCertificateRequestValue(csrBytes(string(args, 1))),
  }),
  defineBuiltin({
    name: "crypto.x509.parse_keypair",
    args: [
      { name: "cert", type: t.string, description: "string containing PEM or base64 encoded DER certificates" },
      { name: "pem", type: t.string, description: "string containing PEM or base64 encoded DER keys" },
    ],
    result: { name: "output", type: OBJ, description: "if key pair is valid, returns the tls.certificate(https://pkg.go.dev/crypto/tls#Certificate) as an object" },
    categories: ["crypto"],
    description: "Returns a valid key pair",
    impl: (args) => {
      const cert = string(args, 1);
      // OPA reports a non-string key as operand 1 too.
      if (typeof args[1] !== "string") throw OperandError.type(1, args[1]!, "string");
      const key = args[1];
      const pair = keyPairFromStrings(cert, key);
      return {
        Certificate: pair.certificates.map(encodeBase64),
        PrivateKey: privateKeyValue(pair.privateKey),
        SupportedSignatureAlgorithms: null,
        OCSPStaple: null,
        SignedCertificateTimestamps: null,
        Leaf: certificateValue(pair.leaf, false),
      };
    },
  }),
  defineBuiltin({
    name: "crypto.x509.parse_rsa_private_key",
    args: [{ name: "pem", type: t.string, description: "base64 string containing a PEM encoded RSA private key" }],
    result: { name: "output", type: OBJ, description: "JWK as an object" },
    categories: ["crypto"],
    description: "Returns a JWK for signing a JWT from the given PEM-encoded RSA private key.",
    impl: (args) => {
      const pem = string(args, 1);
      if (pem === "") throw new BuiltinError("input PEM data was empty");
      const data = pem.startsWith("-----BEGIN") ? Buffer.from(pem, "utf8") : decodeBase64(pem);
      const keys = privateKeysFromPEM(data);
      if (keys.length === 0) return null;
      return privateKeyJWK(keys[0]!);
    },
  }),
  defineBuiltin({
    name: "crypto.parse_private_keys",
    args: [{ name: "keys", type: t.string, description: "PEM encoded data containing one or more private keys as concatenated blocks. Optionally Base64 encoded." }],
    result: { name: "output", type: CERTS, description: "parsed private keys represented as objects" },
    categories: ["crypto"],
    description: "Returns zero or more private keys from the given encoded string containing DER certificate data.",
    impl: (args) => {
      const input = string(args, 1);
      if (input === "") return null;
      return privateKeysFromPEM(input).map(privateKeyValue);
    },
  }),
];
