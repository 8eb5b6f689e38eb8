/**
 * An HTTP response as `http.send` returns it: `status`, `status_code`, `headers`
 * (lower-case names, every value), `raw_body`, and `body` decoded from JSON or YAML
 * when the content type (or `force_*_decode`) says so, else null.
 */
import type { Value } from "../../../ast/value.js";
import { parseGoJSONExact } from "../json/go-json.js";
import { yamlUnmarshal } from "../yaml/parse.js";
import type { WireHTTPResponse } from "./wire.js";

function contentType(headers: WireHTTPResponse["headers"]): string {
  return headers["content-type"]?.[0] ?? "";
}

/** `application/json` and `application/*+json`, parameters ignored (OPA's `isJSONType`). */
function isJSON(type: string): boolean {
  const media = type.split(";", 1)[0]!.trim().toLowerCase();
  const [top, sub, ...rest] = media.split("/");
  if (rest.length > 0 || top !== "application" || sub === undefined) return false;
  return sub === "json" || sub.endsWith("+json");
}

function isYAML(type: string): boolean {
  return type.includes("application/yaml") || type.includes("application/x-yaml");
}

/** A body that does not decode is null, never an error, as in OPA. */
function decode(text: string, parse: (s: string) => Value): Value {
  try {
    return parse(text);
  } catch {
    return null;
  }
}

export function responseValue(r: WireHTTPResponse, forceJSON: boolean, forceYAML: boolean): Value {
  const raw = new TextDecoder().decode(r.body);
  const type = contentType(r.headers);
  let body: Value = null;
  if (forceJSON || isJSON(type)) body = decode(raw, parseGoJSONExact);
  else if (forceYAML || isYAML(type)) body = decode(raw, yamlUnmarshal);
  const headers: Record<string, Value> = {};
  for (const [name, values] of Object.entries(r.headers)) headers[name] = [...values];
  return {
    status: r.statusText ? `${r.statusCode} ${r.statusText}` : String(r.statusCode),
    status_code: r.statusCode,
    body,
    raw_body: raw,
    headers,
  };
}
