/**
 * Go's `netip.ParseAddr`, only as far as `net/url` needs it: whether a bracketed host
 * is an IPv6 address, and Go's error text when it is not. Runs on binary strings.
 */
import { quoteBinary } from "../gobytes/utf8.js";
import { UrlError } from "./escape.js";

function addrError(input: string, msg: string, at = ""): UrlError {
  const base = "ParseAddr(" + quoteBinary(input) + "): " + msg;
  return new UrlError(at === "" ? base : base + " (at " + quoteBinary(at) + ")");
}

/** Parses an IP address; returns true for IPv4 ("1.2.3.4"), false for IPv6 (4-in-6 included). */
export function parseAddrIs4(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    switch (s[i]) {
      case ".":
        parseIPv4(s, s);
        return true;
      case ":":
        parseIPv6(s);
        return false;
      case "%":
        throw addrError(s, "missing IPv6 address");
    }
  }
  throw addrError(s, "unable to parse IP");
}

/** `in` is the text reported in errors (the whole address for an embedded IPv4). */
function parseIPv4(s: string, reportAs: string): void {
  let val = 0;
  let pos = 0;
  let digLen = 0;
  const fail = (msg: string, at = "") => addrError(reportAs, msg, at);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (digLen === 1 && val === 0) throw fail("IPv4 field has octet with leading zero");
      val = val * 10 + (c - 0x30);
      digLen++;
      if (val > 255) throw fail("IPv4 field has value >255");
    } else if (c === 0x2e) {
      if (i === 0 || i === s.length - 1 || s[i - 1] === ".") throw fail("IPv4 field must have at least one digit", s.slice(i));
      if (pos === 3) throw fail("IPv4 address too long");
      pos++;
      val = 0;
      digLen = 0;
    } else {
      throw fail("unexpected character", s.slice(i));
    }
  }
  if (pos < 3) throw fail("IPv4 address too short");
}

function parseIPv6(input: string): void {
  let s = input;
  const z = s.indexOf("%");
  if (z !== -1) {
    if (z === s.length - 1) throw addrError(input, "zone must be a non-empty string");
    s = s.slice(0, z);
  }
  let ellipsis = -1;
  if (s.startsWith("::")) {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return;
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const c = s.charCodeAt(off);
      if (c >= 0x30 && c <= 0x39) acc = acc * 16 + (c - 0x30);
      else if (c >= 0x61 && c <= 0x66) acc = acc * 16 + (c - 0x61 + 10);
      else if (c >= 0x41 && c <= 0x46) acc = acc * 16 + (c - 0x41 + 10);
      else break;
      if (acc > 0xffff) throw addrError(input, "IPv6 field has value >=2^16", s);
    }
    if (off === 0) throw addrError(input, "each colon-separated field must have at least one digit", s);
    if (off < s.length && s[off] === ".") {
      if (ellipsis < 0 && i !== 12) throw addrError(input, "embedded IPv4 address must replace the final 2 fields of the address", s);
      if (i + 4 > 16) throw addrError(input, "too many hex fields to fit an embedded IPv4 at the end of the address", s);
      try {
        parseIPv4(s, s);
      } catch (e) {
        throw addrError(input, (e as Error).message, s);
      }
      s = "";
      i += 4;
      break;
    }
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ":") throw addrError(input, "unexpected character, want colon", s);
    if (s.length === 1) throw addrError(input, "colon must be followed by more characters", s);
    s = s.slice(1);
    if (s[0] === ":") {
      if (ellipsis >= 0) throw addrError(input, "multiple :: in address", s);
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) throw addrError(input, "trailing garbage after address", s);
  if (i < 16) {
    if (ellipsis < 0) throw addrError(input, "address string too short");
  } else if (ellipsis >= 0) {
    throw addrError(input, "the :: must expand to at least one field of zeros");
  }
}
