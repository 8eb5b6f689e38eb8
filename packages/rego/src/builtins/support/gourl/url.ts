/**
 * Go's `net/url.Parse`, as OPA's `uri.parse` and `uri.is_valid`, certificate SAN URIs
 * and AWS request signing call it: the same accept/reject decisions and error messages
 * ("parse \"…\": invalid port …"). Fields hold binary strings (one byte per unit).
 */
import { quoteBinary } from "../gobytes/utf8.js";
import { Mode, UrlError, escape, unescape } from "./escape.js";
import { parseAddrIs4 } from "./netip.js";

export interface Url {
  scheme: string;
  opaque: string;
  /**
   * The userinfo before "@" as written (validated, still escaped), or undefined when
   * there is no "@". Go keeps the decoded username and password instead;
   * `urlString` decodes and re-escapes them as Go's `Userinfo.String` does.
   */
  user: string | undefined;
  host: string;
  path: string;
  rawPath: string;
  /** A scheme followed by "/" but no "//" authority ("file:/x"): `String` writes no "//". */
  omitHost: boolean;
  /** The URL ended in a lone "?", which `String` keeps although the query is empty. */
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

/** Go's `url.Parse`; throws `UrlError` with `*url.Error`'s message. */
export function parseUrl(raw: string): Url {
  const hash = raw.indexOf("#");
  const u = hash < 0 ? raw : raw.slice(0, hash);
  const frag = hash < 0 ? "" : raw.slice(hash + 1);
  let url: Url;
  try {
    url = parseReference(u);
  } catch (e) {
    throw wrap(e, u);
  }
  if (frag === "") return url;
  try {
    url.fragment = unescape(frag, Mode.Fragment);
  } catch (e) {
    throw wrap(e, raw);
  }
  url.rawFragment = escape(url.fragment, Mode.Fragment) === frag ? "" : frag;
  return url;
}

function wrap(e: unknown, url: string): unknown {
  if (e instanceof UrlError) return new UrlError("parse " + quoteBinary(url) + ": " + e.message);
  return e;
}

function containsCtl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Go's `getScheme`: `[a-zA-Z][a-zA-Z0-9+.-]*` before a colon, or no scheme. */
function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return ["", raw];
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) throw new UrlError("missing protocol scheme");
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

function parseReference(raw: string): Url {
  if (containsCtl(raw)) throw new UrlError("net/url: invalid control character in URL");
  const url: Url = {
    scheme: "",
    opaque: "",
    user: undefined,
    host: "",
    path: "",
    rawPath: "",
    omitHost: false,
    forceQuery: false,
    rawQuery: "",
    fragment: "",
    rawFragment: "",
  };
  if (raw === "*") {
    url.path = "*";
    return url;
  }
  let [scheme, rest] = getScheme(raw);
  url.scheme = scheme.toLowerCase();
  scheme = url.scheme;

  const q = rest.indexOf("?");
  if (rest.endsWith("?") && q === rest.length - 1) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else if (q >= 0) {
    url.rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }

  if (!rest.startsWith("/")) {
    if (scheme !== "") {
      // A rootless path after a scheme is opaque.
      url.opaque = rest;
      return url;
    }
    const slash = rest.indexOf("/");
    const segment = slash < 0 ? rest : rest.slice(0, slash);
    if (segment.includes(":")) throw new UrlError("first path segment in URL cannot contain colon");
  }

  if ((scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const slash = authority.indexOf("/");
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    [url.user, url.host] = parseAuthority(authority);
  } else if (scheme !== "" && rest.startsWith("/")) {
    url.omitHost = true;
  }

  url.path = unescape(rest, Mode.Path);
  url.rawPath = escape(url.path, Mode.Path) === rest ? "" : rest;
  return url;
}

/** The userinfo (undefined without "@") and host of `[userinfo@]host[:port]`. */
function parseAuthority(authority: string): [string | undefined, string] {
  const at = authority.lastIndexOf("@");
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return [undefined, host];
  const userinfo = authority.slice(0, at);
  if (!validUserinfo(userinfo)) throw new UrlError("net/url: invalid userinfo");
  const colon = userinfo.indexOf(":");
  if (colon < 0) {
    unescape(userinfo, Mode.UserPassword);
  } else {
    unescape(userinfo.slice(0, colon), Mode.UserPassword);
    unescape(userinfo.slice(colon + 1), Mode.UserPassword);
  }
  return [userinfo, host];
}

function parseHost(host: string): string {
  const open = host.lastIndexOf("[");
  if (open > 0) throw new UrlError("invalid IP-literal");
  if (open === 0) {
    // An IP-literal (RFC 3986, RFC 6874): "[fe80::1]", "[fe80::1%25en0]:80".
    const close = host.lastIndexOf("]");
    if (close < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new UrlError("invalid port " + quoteBinary(colonPort) + " after host");
    const port = unescape(colonPort, Mode.Host);
    const hostname = host.slice(1, close);
    const zone = hostname.indexOf("%25");
    const unescaped =
      zone >= 0 ? unescape(hostname.slice(0, zone), Mode.Host) + unescape(hostname.slice(zone), Mode.Zone) : unescape(hostname, Mode.Host);
    // Only an IPv6 address may be bracketed (IPv4-mapped IPv6 included).
    let is4: boolean;
    try {
      is4 = parseAddrIs4(unescaped);
    } catch (e) {
      if (e instanceof UrlError) throw new UrlError("invalid host: " + e.message);
      throw e;
    }
    if (is4) throw new UrlError("invalid IP-literal");
    return "[" + unescaped + "]" + port;
  }
  const colon = host.lastIndexOf(":");
  if (colon !== -1) {
    const colonPort = host.slice(colon);
    if (!validOptionalPort(colonPort)) throw new UrlError("invalid port " + quoteBinary(colonPort) + " after host");
  }
  return unescape(host, Mode.Host);
}

/** Empty, or ":" followed by ASCII digits only. */
function validOptionalPort(port: string): boolean {
  if (port === "") return true;
  if (port[0] !== ":") return false;
  for (let i = 1; i < port.length; i++) {
    const c = port.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** RFC 3986 userinfo characters (Go also allows "@"); checked by rune, so non-ASCII fails. */
function validUserinfo(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) continue;
    if ("-._:~!$&'()*+,;=%@".includes(s[i]!)) continue;
    return false;
  }
  return true;
}

/** Go's `splitHostPort` behind `URL.Hostname` and `URL.Port`. */
export function splitHostPort(hostPort: string): [string, string] {
  let host = hostPort;
  let port = "";
  const colon = host.lastIndexOf(":");
  if (colon !== -1 && validOptionalPort(host.slice(colon))) {
    port = host.slice(colon + 1);
    host = host.slice(0, colon);
  }
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return [host, port];
}
