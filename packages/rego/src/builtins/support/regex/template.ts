/**
 * `regex.template_match` templates (gorilla/mux style, as OPA uses them): literal
 * text with regular expressions between one-byte delimiters, e.g. `urn:foo:{.*}`.
 * The template becomes `^literal(re)literal(re)...$`, each `re` also checked alone.
 */
import { BuiltinError } from "../../operands.js";
import { quote as goQuote } from "../gofmt/quote.js";
import { compileGo, quoteMetaGo, type GoRegexp } from "./go-regexp.js";

const CACHE_MAX = 128;
const cache = new Map<string, GoRegexp>();

/** Start/end offsets of the top-level delimited parts. */
function delimiterIndices(s: string, open: string, close: string): number[] {
  const idxs: number[] = [];
  let level = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === open) {
      if (++level === 1) start = i;
    } else if (s[i] === close) {
      if (--level === 0) idxs.push(start, i + 1);
      else if (level < 0) throw new BuiltinError(`unbalanced braces in ${goQuote(s)}`);
    }
  }
  if (level !== 0) throw new BuiltinError(`unbalanced braces in ${goQuote(s)}`);
  return idxs;
}

function compileTemplate(tpl: string, open: string, close: string): GoRegexp {
  const idxs = delimiterIndices(tpl, open, close);
  let pattern = "^";
  let end = 0;
  for (let i = 0; i < idxs.length; i += 2) {
    const raw = tpl.slice(end, idxs[i]);
    end = idxs[i + 1]!;
    const part = tpl.slice(idxs[i]! + 1, end - 1);
    pattern += `${quoteMetaGo(raw)}(${part})`;
    compileGo(`^${part}$`);
  }
  pattern += quoteMetaGo(tpl.slice(end)) + "$";
  return compileGo(pattern);
}

/** The compiled template; delimiters are single ASCII characters. */
export function templateRegexp(tpl: string, open: string, close: string): GoRegexp {
  const key = `${open}${close}${tpl}`;
  let re = cache.get(key);
  if (!re) {
    re = compileTemplate(tpl, open, close);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, re);
  }
  return re;
}
