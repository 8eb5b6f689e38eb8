/**
 * Distinguished names: Go's `x509.parseName` (RDN sequences with typed attribute
 * values) and `pkix.Name` as JSON, filled as `FillFromRDNSequence` fills it.
 */
import type { Value } from "../../../ast/value.js";
import { numberFromBigInt } from "../../../ast/number.js";
import { Der, Tag, formatTime } from "./der.js";
import { encodeBase64 } from "../goencoding/base64.js";
import { X509Error } from "./x509-publickey.js";

export interface AttributeTypeAndValue {
  readonly type: readonly number[];
  /** The value as Go's JSON encoder writes the `any` that `readASN1Any` returns. */
  readonly value: Value;
}

export type RDNSequence = readonly (readonly AttributeTypeAndValue[])[];

function isPrintable(b: number): boolean {
  return (
    (b >= 0x61 && b <= 0x7a) ||
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x30 && b <= 0x39) ||
    (b >= 0x27 && b <= 0x29) ||
    (b >= 0x2b && b <= 0x2f) ||
    b === 0x20 ||
    b === 0x3a ||
    b === 0x3d ||
    b === 0x3f ||
    b === 0x2a ||
    b === 0x26
  );
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** True when every byte is ASCII (Go's `isIA5String`). */
export function isIA5(b: Uint8Array): boolean {
  for (const c of b) if (c >= 0x80) return false;
  return true;
}

/** Go's `parseASN1String` for the string tags it accepts. */
function parseASN1String(tag: number, v: Uint8Array): string {
  switch (tag) {
    case Tag.T61String:
      return Buffer.from(v).toString("latin1");
    case Tag.PrintableString:
      for (const b of v) if (!isPrintable(b)) throw new Error("invalid PrintableString");
      return Buffer.from(v).toString("latin1");
    case Tag.UTF8String:
      try {
        return utf8.decode(v);
      } catch {
        throw new Error("invalid UTF-8 string");
      }
    case Tag.BMPString: {
      if (v.length % 2 !== 0) throw new Error("invalid BMPString");
      let l = v.length;
      if (l >= 2 && v[l - 1] === 0 && v[l - 2] === 0) l -= 2;
      let s = "";
      for (let i = 0; i < l; i += 2) {
        const p = (v[i]! << 8) | v[i + 1]!;
        if (p === 0xfffe || p === 0xffff || (p >= 0xfdd0 && p <= 0xfdef) || (p >= 0xd800 && p <= 0xdfff)) throw new Error("invalid BMPString");
        s += String.fromCharCode(p);
      }
      return s;
    }
    case Tag.IA5String:
      if (!isIA5(v)) throw new Error("invalid IA5String");
      return Buffer.from(v).toString("latin1");
    case Tag.NumericString:
      for (const b of v) if (!((b >= 0x30 && b <= 0x39) || b === 0x20)) throw new Error("invalid NumericString");
      return Buffer.from(v).toString("latin1");
  }
  throw new Error(`unsupported string type: ${tag}`);
}

const STRING_TAGS: ReadonlySet<number> = new Set([Tag.T61String, Tag.PrintableString, Tag.UTF8String, Tag.BMPString, Tag.IA5String, Tag.NumericString]);

/** Go's `readASN1Any`, returning the value as its JSON form. */
export function readASN1Any(der: Der): Value {
  const el = der.readAny();
  if (!el) throw new Error("invalid ASN.1 element");
  const { tag, content, full } = el;
  if (STRING_TAGS.has(tag)) return parseASN1String(tag, content.bytes());
  const sub = new Der(full);
  switch (tag) {
    case Tag.INTEGER: {
      const i = sub.readInteger();
      if (i === undefined || i > 0x7fffffffffffffffn || i < -0x8000000000000000n) throw new Error("invalid ASN.1 integer");
      return numberFromBigInt(i);
    }
    case Tag.BIT_STRING: {
      const bs = sub.readBitString();
      if (!bs) throw new Error("invalid ASN.1 BIT STRING");
      return { Bytes: encodeBase64(bs.bytes), BitLength: bs.bitLength };
    }
    case Tag.OCTET_STRING:
      return encodeBase64(content.bytes());
    case Tag.OBJECT_IDENTIFIER: {
      const oid = sub.readOID();
      if (!oid) throw new Error("invalid ASN.1 OBJECT IDENTIFIER");
      return oid;
    }
    case Tag.UTCTime:
    case Tag.GeneralizedTime: {
      const t = sub.readTime();
      if (!t || t === "unsupported") throw new Error(tag === Tag.UTCTime ? "x509: malformed UTCTime" : "x509: malformed GeneralizedTime");
      return formatTime(t);
    }
    case Tag.BOOLEAN: {
      const b = sub.readBoolean();
      if (b === undefined) throw new Error("invalid ASN.1 BOOLEAN");
      return b;
    }
    case Tag.NULL:
      return null;
  }
  const cls = tag < 0 ? 0 : tag >> 6;
  return {
    Class: cls,
    Tag: tag < 0 ? 0 : tag & 0x1f,
    IsCompound: tag >= 0 && (tag & 0x20) === 0x20,
    Bytes: encodeBase64(content.bytes()),
    FullBytes: encodeBase64(full),
  };
}

/** Go's `parseName` over a DER `Name` (a SEQUENCE of SETs of attributes). */
export function parseName(raw: Uint8Array): RDNSequence {
  const seq = new Der(raw).read(Tag.SEQUENCE);
  if (!seq) throw new X509Error("x509: invalid RDNSequence");
  const rdns: AttributeTypeAndValue[][] = [];
  while (!seq.empty()) {
    const set = seq.read(Tag.SET);
    if (!set) throw new X509Error("x509: invalid RDNSequence");
    const rdn: AttributeTypeAndValue[] = [];
    while (!set.empty()) {
      const atav = set.read(Tag.SEQUENCE);
      if (!atav) throw new X509Error("x509: invalid RDNSequence: invalid attribute");
      const type = atav.readOID();
      if (!type) throw new X509Error("x509: invalid RDNSequence: invalid attribute type");
      let value: Value;
      try {
        value = readASN1Any(atav);
      } catch (e) {
        throw new X509Error(`x509: invalid RDNSequence: invalid attribute value: ${(e as Error).message}`);
      }
      rdn.push({ type, value });
    }
    rdns.push(rdn);
  }
  return rdns;
}

export function attributeValue(a: AttributeTypeAndValue): Value {
  return { Type: [...a.type], Value: a.value };
}

/** `pkix.Name` filled from an RDN sequence, as JSON. */
export function nameValue(rdns: RDNSequence): Value {
  const lists: Record<string, string[]> = {};
  const add = (field: string, v: string): void => {
    (lists[field] ??= []).push(v);
  };
  let serialNumber = "";
  let commonName = "";
  const names: Value[] = [];
  for (const rdn of rdns) {
    for (const atv of rdn) {
      names.push(attributeValue(atv));
      if (typeof atv.value !== "string") continue;
      const t = atv.type;
      if (t.length === 4 && t[0] === 2 && t[1] === 5 && t[2] === 4) {
        switch (t[3]) {
          case 3:
            commonName = atv.value;
            break;
          case 5:
            serialNumber = atv.value;
            break;
          case 6:
            add("Country", atv.value);
            break;
          case 7:
            add("Locality", atv.value);
            break;
          case 8:
            add("Province", atv.value);
            break;
          case 9:
            add("StreetAddress", atv.value);
            break;
          case 10:
            add("Organization", atv.value);
            break;
          case 11:
            add("OrganizationalUnit", atv.value);
            break;
          case 17:
            add("PostalCode", atv.value);
            break;
        }
      }
    }
  }
  const list = (f: string): Value => lists[f] ?? null;
  return {
    Country: list("Country"),
    Organization: list("Organization"),
    OrganizationalUnit: list("OrganizationalUnit"),
    Locality: list("Locality"),
    Province: list("Province"),
    StreetAddress: list("StreetAddress"),
    PostalCode: list("PostalCode"),
    SerialNumber: serialNumber,
    CommonName: commonName,
    Names: names.length > 0 ? names : null,
    ExtraNames: null,
  };
}
