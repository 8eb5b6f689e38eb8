/**
 * gojsonschema's `format` checkers. Go's parsers behind them (`time.Parse`,
 * `net.ParseIP`, `net/mail.ParseAddress`, `net/url.Parse`) are matched closely for
 * the layouts and forms they accept; unknown formats always pass, and non-strings
 * pass every checker.
 */
import { isIP } from "node:net";
import type { Value } from "../../../ast/value.js";
import { compileRE2 } from "./schema.js";

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS[month - 1]!);
}

function validTime(h: string, mi: string, s: string): boolean {
  return Number(h) < 24 && Number(mi) < 60 && Number(s) < 60;
}

function validZone(z: string | undefined): boolean {
  if (z === undefined || z === "Z") return true;
  return Number(z.slice(1, 3)) <= 24 && Number(z.slice(4, 6)) <= 60;
}

const TIME = String.raw`(\d{1,2}):(\d{2}):(\d{2})(?:[.,]\d+)?`;
const ZONE = String.raw`(Z|[+-]\d{2}:\d{2})`;
const DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const RE_TIME = new RegExp(`^${TIME}$`);
const RE_TIME_ZONE = new RegExp(`^${TIME}${ZONE}$`);
const RE_DATE = new RegExp(`^${DATE}$`);
const RE_DATE_TIME = new RegExp(`^${DATE}T${TIME}${ZONE}$`);

function isTime(s: string, zoned: boolean): boolean {
  const m = (zoned ? RE_TIME_ZONE : RE_TIME).exec(s);
  return !!m && validTime(m[1]!, m[2]!, m[3]!) && validZone(m[4]);
}

function isDate(s: string): boolean {
  const m = RE_DATE.exec(s);
  return !!m && validDate(m[1]!, m[2]!, m[3]!);
}

function isDateTime(s: string): boolean {
  if (isTime(s, false) || isTime(s, true) || isDate(s)) return true;
  const m = RE_DATE_TIME.exec(s);
  return !!m && validDate(m[1]!, m[2]!, m[3]!) && validTime(m[4]!, m[5]!, m[6]!) && validZone(m[7]);
}

const ATEXT = String.raw`[A-Za-z0-9!#$%&'*+/=?^_\x60{|}~\-\u0080-\uffff]`;
const DOT_ATOM = `${ATEXT}+(?:\\.${ATEXT}+)*`;
const QUOTED = String.raw`"(?:[^"\\\r\n]|\\.)*"`;
const ADDR_SPEC = `(?:${DOT_ATOM}|${QUOTED})@(?:${DOT_ATOM}|\\[[^\\[\\]\\\\]*\\])`;
const RE_EMAIL = new RegExp(`^\\s*(?:${ADDR_SPEC}|(?:(?:${DOT_ATOM}|${QUOTED})(?:\\s+(?:${DOT_ATOM}|${QUOTED}))*\\s*)?<${ADDR_SPEC}>)\\s*$`);

const RE_HOSTNAME = /^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9])(\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9]))*$/;
const RE_UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/i;
const RE_JSON_POINTER = /^(?:\/(?:[^~/]|~0|~1)*)*$/;
const RE_REL_JSON_POINTER = /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/;

/** Go's `net.ParseIP` (no zones). */
function parseIP(s: string): boolean {
  return !s.includes("%") && isIP(s) !== 0;
}

const BAD_ESCAPE = /%(?![0-9a-fA-F]{2})/;

interface ParsedURL {
  readonly scheme: string;
  readonly path: string;
}

/** Roughly Go's `url.Parse`: the cases where it reports an error. */
function parseURL(s: string): ParsedURL | undefined {
  if (/[\x00-\x1f\x7f]/.test(s)) return undefined;
  let rest = s;
  let frag = "";
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    frag = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  if (BAD_ESCAPE.test(frag)) return undefined;
  let scheme = "";
  const sm = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (sm) {
    scheme = sm[1]!;
    rest = rest.slice(sm[0].length);
  } else if (rest.startsWith(":")) return undefined;
  const q = rest.indexOf("?");
  if (q >= 0) rest = rest.slice(0, q);
  let path = rest;
  if (rest.startsWith("//") && (scheme !== "" || !rest.startsWith("///"))) {
    const end = rest.indexOf("/", 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    path = end < 0 ? "" : rest.slice(end);
    const host = authority.slice(authority.lastIndexOf("@") + 1);
    if (host.startsWith("[")) {
      const close = host.indexOf("]");
      if (close < 0) return undefined;
      const port = host.slice(close + 1);
      if (port !== "" && !/^:\d*$/.test(port)) return undefined;
    } else {
      const colon = host.lastIndexOf(":");
      if (colon >= 0 && !/^\d*$/.test(host.slice(colon + 1))) return undefined;
      if (BAD_ESCAPE.test(host) || /[ "<>`{}|^\\]/.test(host)) return undefined;
    }
  } else if (scheme === "" && path.split("/")[0]!.includes(":")) return undefined;
  if (BAD_ESCAPE.test(path)) return undefined;
  return { scheme, path };
}

const CHECKERS: Record<string, (s: string) => boolean> = {
  date: isDate,
  time: (s) => isTime(s, true) || isTime(s, false),
  "date-time": isDateTime,
  hostname: (s) => RE_HOSTNAME.test(s) && s.length < 256,
  email: (s) => RE_EMAIL.test(s),
  "idn-email": (s) => RE_EMAIL.test(s),
  ipv4: (s) => parseIP(s) && s.includes("."),
  ipv6: (s) => parseIP(s) && s.includes(":"),
  uri: (s) => {
    const u = parseURL(s);
    return !!u && u.scheme !== "" && !s.includes("\\");
  },
  "uri-reference": (s) => !!parseURL(s) && !s.includes("\\"),
  iri: (s) => {
    const u = parseURL(s);
    return !!u && u.scheme !== "" && !s.includes("\\");
  },
  "iri-reference": (s) => !!parseURL(s) && !s.includes("\\"),
  "uri-template": (s) => {
    const u = parseURL(s);
    if (!u || s.includes("\\")) return false;
    return compileRE2("^([^{]*({[^}]*})?)*$")!.matcher(u.path).matches();
  },
  uuid: (s) => RE_UUID.test(s),
  regex: (s) => s === "" || compileRE2(s) !== undefined,
  "json-pointer": (s) => RE_JSON_POINTER.test(s),
  "relative-json-pointer": (s) => RE_REL_JSON_POINTER.test(s),
};

export function isFormat(format: string, v: Value): boolean {
  const check = Object.hasOwn(CHECKERS, format) ? CHECKERS[format] : undefined;
  if (!check || typeof v !== "string") return true;
  return check(v);
}
