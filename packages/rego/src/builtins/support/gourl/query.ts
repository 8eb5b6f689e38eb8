/** Go's `url.ParseQuery` and `url.Values.Encode`, on binary strings. */
import { compareStrings } from "../../../ast/compare.js";
import { Mode, UrlError, escape, unescape } from "./escape.js";

/** Key → values in input order; keys in first-seen order. Throws the first error, as Go returns it. */
export function parseQuery(query: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  let err: UrlError | undefined;
  let rest = query;
  while (rest !== "") {
    const amp = rest.indexOf("&");
    let key = amp < 0 ? rest : rest.slice(0, amp);
    rest = amp < 0 ? "" : rest.slice(amp + 1);
    if (key.includes(";")) {
      err = new UrlError("invalid semicolon separator in query");
      continue;
    }
    if (key === "") continue;
    const eq = key.indexOf("=");
    let value = eq < 0 ? "" : key.slice(eq + 1);
    key = eq < 0 ? key : key.slice(0, eq);
    try {
      key = unescape(key, Mode.QueryComponent);
      value = unescape(value, Mode.QueryComponent);
    } catch (e) {
      if (!(e instanceof UrlError)) throw e;
      err ??= e;
      continue;
    }
    const vs = m.get(key);
    if (vs) vs.push(value);
    else m.set(key, [value]);
  }
  if (err) throw err;
  return m;
}

/** `k=v&k=v2&…` sorted by key (byte order), each part query-escaped. */
export function encodeQuery(values: ReadonlyMap<string, readonly string[]>): string {
  const parts: string[] = [];
  for (const k of [...values.keys()].sort(compareBinary)) {
    const ke = escape(k, Mode.QueryComponent);
    for (const v of values.get(k)!) parts.push(ke + "=" + escape(v, Mode.QueryComponent));
  }
  return parts.join("&");
}

/** Binary strings compare by byte, which is what UTF-16 unit order gives for units < 0x100. */
function compareBinary(a: string, b: string): number {
  return compareStrings(a, b);
}
