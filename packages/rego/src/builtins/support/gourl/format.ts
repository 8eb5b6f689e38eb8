/**
 * Go's `URL.EscapedPath` and `URL.String`: a parsed URL back to text. The original
 * escaping of the path and fragment survives when it still decodes to the parsed
 * value, so "/a%2Fb" does not come back as "/a/b". Binary strings, as in `url.ts`.
 */
import { Mode, escape, shouldEscape, unescape } from "./escape.js";
import type { Url } from "./url.js";

/** Go's `validEncoded`: only sub-delims, ":", "@", brackets, "%" and what `mode` leaves unescaped. */
function validEncoded(s: string, mode: Mode): boolean {
  for (let i = 0; i < s.length; i++) {
    if ("!$&'()*+,;=:@[]%".includes(s[i]!)) continue;
    if (shouldEscape(s.charCodeAt(i), mode)) return false;
  }
  return true;
}

/** `raw` when it is well formed and decodes to `decoded`, else undefined. */
function keptRaw(raw: string, decoded: string, mode: Mode): string | undefined {
  if (raw === "" || !validEncoded(raw, mode)) return undefined;
  // validEncoded lets a malformed "%" through; unescape then throws, and the decoded value is escaped afresh.
  try {
    return unescape(raw, mode) === decoded ? raw : undefined;
  } catch {
    return undefined;
  }
}

/** Go's `URL.EscapedPath`. */
export function escapedPath(u: Url): string {
  const raw = keptRaw(u.rawPath, u.path, Mode.Path);
  if (raw !== undefined) return raw;
  if (u.path === "*") return "*"; // Go leaves a bare "*" unescaped (golang/go#11202)
  return escape(u.path, Mode.Path);
}

/** Go's `URL.EscapedFragment`. */
function escapedFragment(u: Url): string {
  return keptRaw(u.rawFragment, u.fragment, Mode.Fragment) ?? escape(u.fragment, Mode.Fragment);
}

/** Go's `Userinfo.String`: the name and password decoded by the parser, escaped afresh. */
function userinfoString(user: string): string {
  const colon = user.indexOf(":");
  const name = escape(unescape(colon < 0 ? user : user.slice(0, colon), Mode.UserPassword), Mode.UserPassword);
  return colon < 0 ? name : name + ":" + escape(unescape(user.slice(colon + 1), Mode.UserPassword), Mode.UserPassword);
}

/** Go's `URL.String`. */
export function urlString(u: Url): string {
  let out = u.scheme === "" ? "" : u.scheme + ":";
  if (u.opaque !== "") {
    out += u.opaque;
  } else {
    const hasAuthority = u.scheme !== "" || u.host !== "" || u.user !== undefined;
    if (hasAuthority && !(u.omitHost && u.host === "" && u.user === undefined)) {
      if (u.host !== "" || u.path !== "" || u.user !== undefined) out += "//";
      if (u.user !== undefined) out += userinfoString(u.user) + "@";
      if (u.host !== "") out += escape(u.host, Mode.Host);
    }
    const path = escapedPath(u);
    if (path !== "" && path[0] !== "/" && u.host !== "") out += "/";
    // A relative path whose first segment has a colon would read as a scheme (RFC 3986 §4.2).
    if (out === "" && path.split("/", 1)[0]!.includes(":")) out += "./";
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== "") out += "?" + u.rawQuery;
  if (u.fragment !== "") out += "#" + escapedFragment(u);
  return out;
}
