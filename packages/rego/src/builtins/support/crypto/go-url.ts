/**
 * The parts of Go's `net/url` that certificate URIs and AWS request signing expose:
 * `url.Parse` (scheme, opaque, userinfo, host, path with its raw form, query,
 * fragment), `EscapedPath` and `String`. WHATWG URL parsing normalises too much
 * (lower-cased hosts, dot segments, default ports) to stand in for it.
 */
import { BuiltinError } from "../../operands.js";

export interface GoURL {
  readonly scheme: string;
  readonly opaque: string;
  /** Userinfo text before `@`, or undefined when absent. */
  readonly user: string | undefined;
  readonly host: string;
  readonly path: string;
  readonly rawPath: string;
  readonly omitHost: boolean;
  readonly forceQuery: boolean;
  readonly rawQuery: string;
  readonly fragment: string;
  readonly rawFragment: string;
}

type Mode = "path" | "host" | "fragment" | "userinfo" | "query";

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** Go's `shouldEscape`. */
function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  if (mode === "host") {
    if ("!$&'()*+,;=:[]<>\"".includes(String.fromCharCode(c))) return false;
  }
  switch (String.fromCharCode(c)) {
    case "-":
    case "_":
    case ".":
    case "~":
      return false;
    case "$":
    case "&":
    case "+":
    case ",":
    case "/":
    case ":":
    case ";":
    case "=":
    case "?":
    case "@":
      switch (mode) {
        case "path":
          return c === 0x3f;
        case "userinfo":
          return c === 0x40 || c === 0x2f || c === 0x3f || c === 0x3a;
        case "query":
          return true;
        case "fragment":
          return false;
        default:
          break;
      }
  }
  if (mode === "fragment" && "!()*".includes(String.fromCharCode(c))) return false;
  return true;
}

const HEX = "0123456789ABCDEF";

export function goEscape(s: string, mode: Mode): string {
  const bytes = Buffer.from(s, "utf8");
  let out = "";
  for (const c of bytes) {
    if (shouldEscape(c, mode)) out += "%" + HEX[c >> 4] + HEX[c & 15];
    else out += String.fromCharCode(c);
  }
  return out;
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}

export class GoURLError extends BuiltinError {}

/** Go's `unescape` for path, host and fragment text; throws on a bad `%` escape. */
function unescape(s: string, mode: Mode): string {
  const bytes = Buffer.from(s, "utf8");
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x25) {
      if (!isHex(bytes[i + 1]) || !isHex(bytes[i + 2])) {
        const bad = Buffer.from(bytes.subarray(i, Math.min(i + 3, bytes.length))).toString("utf8");
        throw new GoURLError(`invalid URL escape ${JSON.stringify(bad)}`);
      }
      out.push(parseInt(String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!), 16));
      i += 2;
      continue;
    }
    if (mode === "host" && c < 0x80 && shouldEscape(c, mode)) {
      throw new GoURLError(`invalid character ${JSON.stringify(String.fromCharCode(c))} in host name`);
    }
    out.push(c);
  }
  return Buffer.from(out).toString("utf8");
}

function validEncoded(s: string, mode: Mode): boolean {
  const bytes = Buffer.from(s, "utf8");
  for (const c of bytes) {
    if ("!$&'()*+,;=:@[]%".includes(String.fromCharCode(c))) continue;
    if (shouldEscape(c, mode)) return false;
  }
  return true;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
    if (letter) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return ["", raw];
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) throw new GoURLError("missing protocol scheme");
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

function parseHost(host: string): string {
  if (host.startsWith("[")) {
    const i = host.lastIndexOf("]");
    if (i < 0) throw new GoURLError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new GoURLError(`invalid port ${JSON.stringify(colonPort)} after host`);
    return unescape(host, "host");
  }
  const i = host.lastIndexOf(":");
  if (i >= 0) {
    const colonPort = host.slice(i);
    if (!validOptionalPort(colonPort)) throw new GoURLError(`invalid port ${JSON.stringify(colonPort)} after host`);
  }
  return unescape(host, "host");
}

function validOptionalPort(port: string): boolean {
  if (port === "") return true;
  return /^:[0-9]*$/.test(port);
}

/** `url.Parse`. Throws `GoURLError` with Go's message on failure. */
export function goParseURL(rawURL: string): GoURL {
  const hash = rawURL.indexOf("#");
  const u = hash >= 0 ? rawURL.slice(0, hash) : rawURL;
  const frag = hash >= 0 ? rawURL.slice(hash + 1) : "";
  try {
    const parsed = parse(u);
    if (frag === "") return parsed;
    const fragment = unescape(frag, "fragment");
    const rawFragment = goEscape(fragment, "fragment") === frag ? "" : frag;
    return { ...parsed, fragment, rawFragment };
  } catch (e) {
    if (e instanceof GoURLError) throw new GoURLError(`parse ${JSON.stringify(u)}: ${e.message}`);
    throw e;
  }
}

function parse(raw: string): GoURL {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw new GoURLError("net/url: invalid control character in URL");
  const empty = { scheme: "", opaque: "", user: undefined, host: "", path: "", rawPath: "", omitHost: false, forceQuery: false, rawQuery: "", fragment: "", rawFragment: "" };
  if (raw === "*") return { ...empty, path: "*" };
  let [scheme, rest] = getScheme(raw);
  scheme = scheme.toLowerCase();
  let forceQuery = false;
  let rawQuery = "";
  if (rest.endsWith("?") && rest.split("?").length === 2) {
    forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf("?");
    if (q >= 0) {
      rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith("/")) {
    if (scheme !== "") return { ...empty, scheme, opaque: rest, forceQuery, rawQuery };
    const segment = rest.split("/")[0]!;
    if (segment.includes(":")) throw new GoURLError("first path segment in URL cannot contain colon");
  }
  let user: string | undefined;
  let host = "";
  let omitHost = false;
  if ((scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const slash = authority.indexOf("/");
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const at = authority.lastIndexOf("@");
    if (at >= 0) {
      user = authority.slice(0, at);
      host = parseHost(authority.slice(at + 1));
    } else {
      host = parseHost(authority);
    }
  } else if (scheme !== "" && rest.startsWith("/")) {
    omitHost = true;
  }
  const path = unescape(rest, "path");
  const rawPath = goEscape(path, "path") === rest ? "" : rest;
  return { ...empty, scheme, user, host, path, rawPath, omitHost, forceQuery, rawQuery };
}

/** `URL.EscapedPath`. */
export function escapedPath(u: GoURL): string {
  if (u.rawPath !== "" && validEncoded(u.rawPath, "path")) {
    try {
      if (unescape(u.rawPath, "path") === u.path) return u.rawPath;
    } catch {
      // fall through to escaping the decoded path
    }
  }
  if (u.path === "*") return "*";
  return goEscape(u.path, "path");
}

function escapedFragment(u: GoURL): string {
  if (u.rawFragment !== "" && validEncoded(u.rawFragment, "fragment")) {
    try {
      if (unescape(u.rawFragment, "fragment") === u.fragment) return u.rawFragment;
    } catch {
      // fall through
    }
  }
  return goEscape(u.fragment, "fragment");
}

/** `URL.String`. */
export function goURLString(u: GoURL): string {
  let out = "";
  if (u.scheme !== "") out += u.scheme + ":";
  if (u.opaque !== "") {
    out += u.opaque;
  } else {
    if (u.scheme !== "" || u.host !== "" || u.user !== undefined) {
      if (!(u.omitHost && u.host === "" && u.user === undefined)) {
        if (u.host !== "" || u.path !== "" || u.user !== undefined) out += "//";
        if (u.user !== undefined) out += u.user + "@";
        if (u.host !== "") out += goEscape(u.host, "host");
      }
    }
    const path = escapedPath(u);
    if (path !== "" && path[0] !== "/" && u.host !== "") out += "/";
    if (out === "" && (path.split("/")[0] ?? "").includes(":")) out += "./";
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== "") out += "?" + u.rawQuery;
  if (u.fragment !== "") out += "#" + escapedFragment(u);
  return out;
}
