/**
 * gobwas/glob v0.2.3's compiler: from the parsed tree to a matcher, with its
 * optimisations (common prefixes/suffixes of alternatives factored out, runs of
 * wildcards glued into one matcher, binary trees around the longest fixed-length
 * part, then prefix/suffix/contains shortcuts). The result's behaviour, quirks
 * included, is what OPA's `glob.match` does.
 */
import { BuiltinError } from "../../operands.js";
import { equalNodes, node, type GNode } from "./gobwas-syntax.js";
import {
  Any,
  AnyOf,
  BTree,
  Contains,
  EveryOf,
  List,
  Max,
  Min,
  Nothing,
  Prefix,
  PrefixAny,
  PrefixSuffix,
  Range,
  Row,
  Single,
  Super,
  Suffix,
  SuffixAny,
  Text,
  type Matcher,
} from "./gobwas-match.js";

function sameRunes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}

function optimize(m: Matcher | undefined): Matcher | undefined {
  if (m instanceof Any) return m.seps.length === 0 ? new Super() : m;
  if (m instanceof AnyOf) return m.matchers.length === 1 ? m.matchers[0] : m;
  if (m instanceof List) return !m.not && m.list.length === 1 ? new Text(String.fromCodePoint(m.list[0]!)) : m;
  if (!(m instanceof BTree)) return m;
  m.left = optimize(m.left);
  m.right = optimize(m.right);
  if (!(m.value instanceof Text)) return m;
  const r = m.value;
  const { left, right } = m;
  if (!left && !right) return new Text(r.str.toString("utf8"));
  if (left instanceof Super && right instanceof Super) return new Contains(r.str.toString("utf8"), false);
  if (left instanceof Super && !right) return new Suffix(r.str);
  if (right instanceof Super && !left) return new Prefix(r.str);
  if (!left && right instanceof Suffix) return new PrefixSuffix(r.str, right.suffix);
  if (!right && left instanceof Prefix) return new PrefixSuffix(left.prefix, r.str);
  if (!right && left instanceof Any) return new SuffixAny(r.str, left.seps);
  if (!left && right instanceof Any) return new PrefixAny(r.str, right.seps);
  return m;
}

function glueAsRow(ms: readonly Matcher[]): Matcher | undefined {
  if (ms.length <= 1) return undefined;
  let l = 0;
  for (const m of ms) {
    const ml = m.len();
    if (ml === -1) return undefined;
    l += ml;
  }
  return new Row([...ms], l);
}

function glueAsEvery(ms: readonly Matcher[]): Matcher | undefined {
  if (ms.length <= 1) return undefined;
  let hasAny = false;
  let hasSuper = false;
  let hasSingle = false;
  let min = 0;
  let separator: readonly number[] = [];
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    let sep: readonly number[];
    if (m instanceof Super) {
      sep = [];
      hasSuper = true;
    } else if (m instanceof Any) {
      sep = m.seps;
      hasAny = true;
    } else if (m instanceof Single) {
      sep = m.seps;
      hasSingle = true;
      min++;
    } else if (m instanceof List && m.not) {
      sep = m.list;
      hasSingle = true;
      min++;
    } else {
      return undefined;
    }
    if (i === 0) separator = sep;
    if (!sameRunes(sep, separator)) return undefined;
  }
  if (hasSuper && !hasAny && !hasSingle) return new Super();
  if (hasAny && !hasSuper && !hasSingle) return new Any(separator);
  if ((hasAny || hasSuper) && min > 0 && separator.length === 0) return new Min(min);
  const every = new EveryOf();
  if (min > 0) {
    every.matchers.push(new Min(min));
    if (!hasAny && !hasSuper) every.matchers.push(new Max(min));
  }
  if (separator.length > 0) every.matchers.push(new Contains(String.fromCodePoint(...separator), true));
  return every;
}

function glue(ms: readonly Matcher[]): Matcher | undefined {
  return glueAsEvery(ms) ?? glueAsRow(ms);
}

function minimizeMatchers(ms: Matcher[]): Matcher[] {
  let done: Matcher | undefined;
  let left = 0;
  let right = 0;
  let count = 0;
  for (let l = 0; l < ms.length; l++) {
    for (let r = ms.length; r > l; r--) {
      const glued = glue(ms.slice(l, r));
      if (!glued) continue;
      let swap: boolean;
      if (!done) swap = true;
      else {
        const cl = done.len();
        const gl = glued.len();
        swap = (cl > -1 && gl > -1 && gl > cl) || count < r - l;
      }
      if (swap) {
        done = glued;
        left = l;
        right = r;
        count = r - l;
      }
    }
  }
  if (!done) return ms;
  const next = [...ms.slice(0, left), done, ...ms.slice(right)];
  return next.length === ms.length ? next : minimizeMatchers(next);
}

function compileMatchers(ms: readonly Matcher[]): Matcher {
  if (ms.length === 0) throw new BuiltinError("compile error: need at least one matcher");
  if (ms.length === 1) return ms[0]!;
  const glued = glue(ms);
  if (glued) return glued;
  let idx = -1;
  let maxLen = -1;
  for (let i = 0; i < ms.length; i++) {
    const l = ms[i]!.len();
    if (l !== -1 && l >= maxLen) {
      maxLen = l;
      idx = i;
    }
  }
  if (idx === -1) return new BTree(ms[0]!, undefined, compileMatchers(ms.slice(1)));
  const left = ms.slice(0, idx);
  const right = ms.slice(idx + 1);
  return new BTree(ms[idx]!, left.length > 0 ? compileMatchers(left) : undefined, right.length > 0 ? compileMatchers(right) : undefined);
}

/** The common leading and trailing children of the alternatives (gobwas' `commonChildren`). */
function commonChildren(nodes: readonly GNode[]): [GNode[], GNode[]] {
  if (nodes.length <= 1) return [[], []];
  let idx = 0;
  for (let i = 1; i < nodes.length; i++) if (nodes[i]!.children.length < nodes[idx]!.children.length) idx = i;
  const tree = nodes[idx]!;
  const treeLength = tree.children.length;
  const commonLeft: GNode[] = [];
  const commonRight: (GNode | undefined)[] = new Array<GNode | undefined>(treeLength);
  let lastRight = treeLength;
  let breakLeft = false;
  let breakRight = false;
  let total = 0;
  for (let i = 0, j = treeLength - 1; total < treeLength && j >= 0 && !(breakLeft && breakRight); i++, j--) {
    const treeLeft = tree.children[i]!;
    const treeRight = tree.children[j]!;
    for (let k = 0; k < nodes.length && !(breakLeft && breakRight); k++) {
      if (k === idx) continue;
      const other = nodes[k]!.children;
      breakLeft = breakLeft || !equalNodes(treeLeft, other[i]!);
      breakRight = breakRight || (!breakLeft && j <= i);
      breakRight = breakRight || !equalNodes(treeRight, other[j + other.length - treeLength]!);
    }
    if (!breakLeft) {
      total++;
      commonLeft.push(treeLeft);
    }
    if (!breakRight) {
      total++;
      lastRight = j;
      commonRight[j] = treeRight;
    }
  }
  return [commonLeft, commonRight.slice(lastRight) as GNode[]];
}

function minimizeAnyOf(tree: GNode): GNode | undefined {
  if (!tree.children.every((c) => c.kind === "pattern")) return undefined;
  const [commonLeft, commonRight] = commonChildren(tree.children);
  if (commonLeft.length === 0 && commonRight.length === 0) return undefined;
  const result: GNode[] = [];
  if (commonLeft.length > 0) result.push(node("pattern", {}, commonLeft));
  const anyOf: GNode[] = [];
  for (const child of tree.children) {
    const reuse = child.children.slice(commonLeft.length, child.children.length - commonRight.length);
    const n = reuse.length === 0 ? node("nothing") : node("pattern", {}, reuse);
    if (!anyOf.some((x) => equalNodes(x, n))) anyOf.push(n);
  }
  if (anyOf.length === 1 && anyOf[0]!.kind !== "nothing") result.push(anyOf[0]!);
  else if (anyOf.length > 1) result.push(node("anyOf", {}, anyOf));
  if (commonRight.length > 0) result.push(node("pattern", {}, commonRight));
  return node("pattern", {}, result);
}

function compileChildren(tree: GNode, seps: readonly number[]): Matcher[] {
  return tree.children.map((c) => optimize(compile(c, seps))!);
}

function runesOf(s: string): number[] {
  return Array.from(s, (c) => c.codePointAt(0)!);
}

function compile(tree: GNode, seps: readonly number[]): Matcher {
  let m: Matcher;
  switch (tree.kind) {
    case "anyOf": {
      const n = minimizeAnyOf(tree);
      if (n) return compile(n, seps);
      return new AnyOf(compileChildren(tree, seps));
    }
    case "pattern":
      if (tree.children.length === 0) return new Nothing();
      m = compileMatchers(minimizeMatchers(compileChildren(tree, seps)));
      break;
    case "any":
      m = new Any(seps);
      break;
    case "super":
      m = new Super();
      break;
    case "single":
      m = new Single(seps);
      break;
    case "nothing":
      m = new Nothing();
      break;
    case "list":
      m = new List(runesOf(tree.chars!), tree.not!);
      break;
    case "range":
      m = new Range(tree.lo!, tree.hi!, tree.not!);
      break;
    case "text":
      m = new Text(tree.text!);
      break;
  }
  return optimize(m)!;
}

/** The matcher for a parsed pattern and its separators. */
export function compileTree(tree: GNode, separators: readonly number[]): Matcher {
  return compile(tree, separators);
}
