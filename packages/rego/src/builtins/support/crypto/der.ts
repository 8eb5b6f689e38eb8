/**
 * A DER reader in the manner of Go's `golang.org/x/crypto/cryptobyte`: each `read*`
 * consumes one element from the front and returns undefined (consuming nothing) when
 * the input is not the expected, minimally encoded element. Go's x509 parser is
 * written against this API; mirroring it keeps our checks and error points the same.
 */

export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OBJECT_IDENTIFIER: 0x06,
  ENUM: 0x0a,
  UTF8String: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  NumericString: 0x12,
  PrintableString: 0x13,
  T61String: 0x14,
  IA5String: 0x16,
  UTCTime: 0x17,
  GeneralizedTime: 0x18,
  GeneralString: 0x1b,
  BMPString: 0x1e,
} as const;

/** A context-specific tag `[n]`, optionally constructed. */
export function contextTag(n: number, constructed = false): number {
  return 0x80 | (constructed ? 0x20 : 0) | n;
}

/** A parsed DER time, kept with its UTC offset as Go's `time.Time` keeps its zone. */
export interface DerTime {
  /** Milliseconds since the epoch. */
  readonly ms: number;
  /** Offset east of UTC in minutes (0 for `Z`). */
  readonly offsetMin: number;
}

export interface BitString {
  readonly bytes: Uint8Array;
  readonly bitLength: number;
}

interface Header {
  tag: number;
  headerLen: number;
  length: number;
}

export class Der {
  readonly buf: Uint8Array;
  #pos: number;
  readonly #end: number;

  constructor(buf: Uint8Array, pos = 0, end = buf.length) {
    this.buf = buf;
    this.#pos = pos;
    this.#end = end;
  }

  empty(): boolean {
    return this.#pos >= this.#end;
  }

  /** The unread bytes. */
  bytes(): Uint8Array {
    return this.buf.subarray(this.#pos, this.#end);
  }

  get length(): number {
    return this.#end - this.#pos;
  }

  /** Parses the tag and length at the front; undefined when malformed or non-minimal. */
  #header(): Header | undefined {
    const b = this.buf;
    let p = this.#pos;
    if (this.#end - p < 2) return undefined;
    let tag = b[p++]!;
    if ((tag & 0x1f) === 0x1f) {
      // High-tag-number form: base-128 tag number, minimally encoded and >= 31.
      let n = 0;
      let first = true;
      for (;;) {
        if (p >= this.#end) return undefined;
        const c = b[p++]!;
        if (first && c === 0x80) return undefined;
        first = false;
        n = n * 128 + (c & 0x7f);
        if (n > 0x1fffffff) return undefined;
        if ((c & 0x80) === 0) break;
      }
      if (n < 31) return undefined;
      tag = -((tag & 0xe0) * 2 ** 30 + n); // negative: never equal to a single-byte tag
    }
    if (p >= this.#end) return undefined;
    const lenByte = b[p++]!;
    let length: number;
    if ((lenByte & 0x80) === 0) {
      length = lenByte;
    } else {
      const n = lenByte & 0x7f;
      if (n === 0 || n > 4) return undefined;
      if (this.#end - p < n) return undefined;
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + b[p++]!;
      // Minimal: long form only for lengths >= 128, without leading zero bytes.
      if (length < 128) return undefined;
      if (length >> ((n - 1) * 8) === 0) return undefined;
    }
    const headerLen = p - this.#pos;
    if (this.#end - p < length) return undefined;
    return { tag, headerLen, length };
  }

  peekTag(tag: number): boolean {
    const h = this.#header();
    return h !== undefined && h.tag === tag;
  }

  /** Reads any element: its tag, its content and its full encoding. */
  readAny(): { tag: number; content: Der; full: Uint8Array } | undefined {
    const h = this.#header();
    if (!h) return undefined;
    const start = this.#pos;
    const contentStart = start + h.headerLen;
    const end = contentStart + h.length;
    this.#pos = end;
    return { tag: h.tag, content: new Der(this.buf, contentStart, end), full: this.buf.subarray(start, end) };
  }

  /** Reads an element with the given tag and returns a reader over its content. */
  read(tag: number): Der | undefined {
    const h = this.#header();
    if (!h || h.tag !== tag) return undefined;
    return this.readAny()!.content;
  }

  /** Reads an element with the given tag and returns its full encoding. */
  readElement(tag: number): Uint8Array | undefined {
    const h = this.#header();
    if (!h || h.tag !== tag) return undefined;
    return this.readAny()!.full;
  }

  /** An optional element: `{present: false}` when the next tag differs. */
  readOptional(tag: number): { present: boolean; content: Der | undefined } | undefined {
    if (!this.peekTag(tag)) return { present: false, content: undefined };
    const c = this.read(tag);
    return c ? { present: true, content: c } : undefined;
  }

  /** Skips an optional element; false when it is present but malformed. */
  skipOptional(tag: number): boolean {
    if (!this.peekTag(tag)) return true;
    return this.readAny() !== undefined;
  }

  /** An INTEGER (or an integer under an implicit tag) as a bigint. */
  readInteger(tag: number = Tag.INTEGER): bigint | undefined {
    const save = this.#pos;
    const c = this.read(tag);
    if (!c) return undefined;
    const v = c.bytes();
    if (!validInteger(v)) {
      this.#pos = save;
      return undefined;
    }
    return integerValue(v);
  }

  /** An optional `[n] EXPLICIT INTEGER` with a default, as Go's `ReadOptionalASN1Integer`. */
  readOptionalExplicitInteger(tag: number, dflt: bigint): bigint | undefined {
    const opt = this.readOptional(tag);
    if (!opt) return undefined;
    if (!opt.present) return dflt;
    const i = opt.content!.readInteger();
    if (i === undefined || !opt.content!.empty()) return undefined;
    return i;
  }

  readBoolean(): boolean | undefined {
    const save = this.#pos;
    const c = this.read(Tag.BOOLEAN);
    if (!c) return undefined;
    const v = c.bytes();
    if (v.length !== 1 || (v[0] !== 0 && v[0] !== 0xff)) {
      this.#pos = save;
      return undefined;
    }
    return v[0] === 0xff;
  }

  readOID(): number[] | undefined {
    const save = this.#pos;
    const c = this.read(Tag.OBJECT_IDENTIFIER);
    if (!c) return undefined;
    const oid = parseOID(c.bytes());
    if (!oid) this.#pos = save;
    return oid;
  }

  readBitString(): BitString | undefined {
    const save = this.#pos;
    const c = this.read(Tag.BIT_STRING);
    if (!c) return undefined;
    const v = c.bytes();
    const fail = (): undefined => {
      this.#pos = save;
      return undefined;
    };
    if (v.length === 0) return fail();
    const padding = v[0]!;
    if (padding > 7 || (v.length === 1 && padding > 0)) return fail();
    if (v.length > 1 && (v[v.length - 1]! & ((1 << padding) - 1)) !== 0) return fail();
    return { bytes: v.subarray(1), bitLength: (v.length - 1) * 8 - padding };
  }

  readTime(): DerTime | undefined | "unsupported" {
    const save = this.#pos;
    if (this.peekTag(Tag.UTCTime)) {
      const t = parseTime(this.read(Tag.UTCTime)!.bytes(), false);
      if (!t) this.#pos = save;
      return t;
    }
    if (this.peekTag(Tag.GeneralizedTime)) {
      const t = parseTime(this.read(Tag.GeneralizedTime)!.bytes(), true);
      if (!t) this.#pos = save;
      return t;
    }
    return "unsupported";
  }
}

/** cryptobyte's `checkASN1Integer`: non-empty and minimally encoded. */
export function validInteger(v: Uint8Array): boolean {
  if (v.length === 0) return false;
  if (v.length === 1) return true;
  if ((v[0] === 0 && (v[1]! & 0x80) === 0) || (v[0] === 0xff && (v[1]! & 0x80) === 0x80)) return false;
  return true;
}

/** Two's-complement big-endian bytes as a bigint. */
export function integerValue(v: Uint8Array): bigint {
  let n = 0n;
  for (const b of v) n = (n << 8n) | BigInt(b);
  if (v.length > 0 && (v[0]! & 0x80) !== 0) n -= 1n << BigInt(v.length * 8);
  return n;
}

/** Unsigned big-endian bytes as a bigint (Go's `big.Int.SetBytes`). */
export function unsignedValue(v: Uint8Array): bigint {
  let n = 0n;
  for (const b of v) n = (n << 8n) | BigInt(b);
  return n;
}

/** Base-128 OID content; undefined when non-minimal or out of int range. */
export function parseOID(v: Uint8Array): number[] | undefined {
  if (v.length === 0) return undefined;
  const out: number[] = [];
  let i = 0;
  const next = (): number | undefined => {
    let n = 0;
    let first = true;
    for (;;) {
      if (i >= v.length) return undefined;
      const c = v[i++]!;
      if (first && c === 0x80) return undefined;
      first = false;
      n = n * 128 + (c & 0x7f);
      if (n > 0x7fffffff) return undefined;
      if ((c & 0x80) === 0) return n;
    }
  };
  const head = next();
  if (head === undefined) return undefined;
  if (head < 80) out.push(Math.floor(head / 40), head % 40);
  else out.push(2, head - 80);
  while (i < v.length) {
    const n = next();
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

export function oidString(oid: readonly number[]): string {
  return oid.join(".");
}

export function oidEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const DIGITS = /^[0-9]+$/;

/**
 * UTCTime (`YYMMDDHHMMSSZ`, years < 50 in the 2000s) or GeneralizedTime
 * (`YYYYMMDDHHMMSSZ`), with `Z` or a `±hhmm` offset, and nothing Go would print
 * differently (so no fractional seconds).
 */
function parseTime(v: Uint8Array, generalized: boolean): DerTime | undefined {
  const s = Buffer.from(v).toString("latin1");
  const yl = generalized ? 4 : 2;
  const base = s.slice(0, yl + 10);
  if (base.length !== yl + 10 || !DIGITS.test(base)) return undefined;
  let year = Number(base.slice(0, yl));
  if (!generalized) year += year < 50 ? 2000 : 1900;
  const nums = [2, 4, 6, 8, 10].map((o) => Number(base.slice(yl + o - 2, yl + o)));
  const [month, day, hour, minute, second] = nums as [number, number, number, number, number];
  const zone = s.slice(yl + 10);
  let offsetMin = 0;
  if (zone !== "Z") {
    const m = /^([+-])([0-9]{2})([0-9]{2})$/.exec(zone);
    if (!m) return undefined;
    offsetMin = (Number(m[2]) * 60 + Number(m[3])) * (m[1] === "-" ? -1 : 1);
    if (offsetMin === 0) return undefined; // Go would print Z, so the text does not round-trip
  }
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return { ms: d.getTime() - offsetMin * 60_000, offsetMin };
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A DER time as Go's `time.Time.MarshalJSON` writes it (RFC 3339, zone kept). */
export function formatTime(t: DerTime): string {
  const local = new Date(t.ms + t.offsetMin * 60_000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  if (t.offsetMin === 0) return `${date}T${time}Z`;
  const abs = Math.abs(t.offsetMin);
  return `${date}T${time}${t.offsetMin < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
