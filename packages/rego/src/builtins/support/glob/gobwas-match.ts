/**
 * The matchers of gobwas/glob v0.2.3, reproduced with their behaviour: they work on
 * UTF-8 bytes and mix byte offsets with rune counts in places (so some patterns
 * misbehave on non-ASCII text exactly as they do in OPA), and a lone `?` or `[!x]`
 * matches the empty string. A Go slice-bounds panic becomes a builtin error.
 */
import {
  decodeRune,
  hasPrefix,
  hasSuffix,
  indexAnyRunes,
  indexOf,
  lastIndexAnyRunes,
  lastIndexOf,
  runeCount,
  runeLen,
  runes,
  slice,
  type Bytes,
} from "./gobwas-bytes.js";

export type { Bytes };

export interface Matcher {
  match(s: Bytes): boolean;
  /** The first index where the matcher matches and the byte lengths of its matches there. */
  index(s: Bytes): [number, number[]];
  /** The length in runes, or -1 when it varies. */
  len(): number;
}

function allRuneStarts(s: Bytes): number[] {
  const out: number[] = [];
  for (const [i] of runes(s)) out.push(i);
  out.push(s.length);
  return out;
}

export class Nothing implements Matcher {
  match(s: Bytes): boolean {
    return s.length === 0;
  }
  index(): [number, number[]] {
    return [0, [0]];
  }
  len(): number {
    return 0;
  }
}

export class Super implements Matcher {
  match(): boolean {
    return true;
  }
  index(s: Bytes): [number, number[]] {
    return [0, allRuneStarts(s)];
  }
  len(): number {
    return -1;
  }
}

export class Any implements Matcher {
  readonly seps: readonly number[];
  constructor(seps: readonly number[]) {
    this.seps = seps;
  }
  match(s: Bytes): boolean {
    return indexAnyRunes(s, this.seps) === -1;
  }
  index(s: Bytes): [number, number[]] {
    const found = indexAnyRunes(s, this.seps);
    if (found === 0) return [0, [0]];
    return [0, allRuneStarts(found === -1 ? s : s.subarray(0, found))];
  }
  len(): number {
    return -1;
  }
}

export class Text implements Matcher {
  readonly str: Bytes;
  readonly runes: number;
  constructor(text: string) {
    this.str = Buffer.from(text, "utf8");
    this.runes = runeCount(this.str);
  }
  match(s: Bytes): boolean {
    return s.equals(this.str);
  }
  index(s: Bytes): [number, number[]] {
    const i = indexOf(s, this.str);
    return i === -1 ? [-1, []] : [i, [this.str.length]];
  }
  len(): number {
    return this.runes;
  }
}

/** Single (`?`), List (`[..]`) and Range (`[a-z]`): one rune, tested by `ok`. */
abstract class OneRune implements Matcher {
  abstract ok(r: number): boolean;
  match(s: Bytes): boolean {
    const [r, w] = decodeRune(s, 0);
    if (s.length > w) return false;
    return this.ok(r);
  }
  index(s: Bytes): [number, number[]] {
    for (const [i, r] of runes(s)) if (this.ok(r)) return [i, [runeLen(r)]];
    return [-1, []];
  }
  len(): number {
    return 1;
  }
}

export class Single extends OneRune {
  readonly seps: readonly number[];
  constructor(seps: readonly number[]) {
    super();
    this.seps = seps;
  }
  ok(r: number): boolean {
    return !this.seps.includes(r);
  }
}

export class List extends OneRune {
  readonly list: readonly number[];
  readonly not: boolean;
  constructor(list: readonly number[], not: boolean) {
    super();
    this.list = list;
    this.not = not;
  }
  ok(r: number): boolean {
    return this.list.includes(r) === !this.not;
  }
}

export class Range extends OneRune {
  readonly lo: number;
  readonly hi: number;
  readonly not: boolean;
  constructor(lo: number, hi: number, not: boolean) {
    super();
    this.lo = lo;
    this.hi = hi;
    this.not = not;
  }
  ok(r: number): boolean {
    return (r >= this.lo && r <= this.hi) === !this.not;
  }
}

export class AnyOf implements Matcher {
  readonly matchers: Matcher[];
  constructor(matchers: Matcher[]) {
    this.matchers = matchers;
  }
  match(s: Bytes): boolean {
    return this.matchers.some((m) => m.match(s));
  }
  index(s: Bytes): [number, number[]] {
    let index = -1;
    let segments: number[] = [];
    for (const m of this.matchers) {
      const [idx, seg] = m.index(s);
      if (idx === -1) continue;
      if (index === -1 || idx < index) {
        index = idx;
        segments = [...seg];
      } else if (idx === index) {
        segments = mergeSorted(segments, seg);
      }
    }
    return index === -1 ? [-1, []] : [index, segments];
  }
  len(): number {
    let l = -1;
    for (const m of this.matchers) {
      const ml = m.len();
      if (l === -1) l = ml;
      else if (ml === -1 || l !== ml) return -1;
    }
    return l;
  }
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let x = 0;
  let y = 0;
  while (x < a.length || y < b.length) {
    if (x >= a.length) out.push(b[y++]!);
    else if (y >= b.length) out.push(a[x++]!);
    else if (a[x] === b[y]) {
      out.push(a[x]!);
      x++;
      y++;
    } else if (a[x]! < b[y]!) out.push(a[x++]!);
    else out.push(b[y++]!);
  }
  return out;
}

export class Contains implements Matcher {
  readonly needle: Bytes;
  readonly not: boolean;
  constructor(needle: string, not: boolean) {
    this.needle = Buffer.from(needle, "utf8");
    this.not = not;
  }
  match(s: Bytes): boolean {
    return (indexOf(s, this.needle) !== -1) !== this.not;
  }
  index(s: Bytes): [number, number[]] {
    let offset = 0;
    const idx = indexOf(s, this.needle);
    if (!this.not) {
      if (idx === -1) return [-1, []];
      offset = idx + this.needle.length;
      if (s.length <= offset) return [0, [offset]];
      s = s.subarray(offset);
    } else if (idx !== -1) {
      s = s.subarray(0, idx);
    }
    const segments: number[] = [];
    for (const [i] of runes(s)) segments.push(offset + i);
    segments.push(offset + s.length);
    return [0, segments];
  }
  len(): number {
    return -1;
  }
}

export class Min implements Matcher {
  readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  match(s: Bytes): boolean {
    let l = 0;
    for (const _ of runes(s)) if (++l >= this.limit) return true;
    return false;
  }
  index(s: Bytes): [number, number[]] {
    if (s.length - this.limit + 1 <= 0) return [-1, []];
    const segments: number[] = [];
    let count = 0;
    for (const [i, r] of runes(s)) if (++count >= this.limit) segments.push(i + runeLen(r));
    return segments.length === 0 ? [-1, []] : [0, segments];
  }
  len(): number {
    return -1;
  }
}

export class Max implements Matcher {
  readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  match(s: Bytes): boolean {
    let l = 0;
    for (const _ of runes(s)) if (++l > this.limit) return false;
    return true;
  }
  index(s: Bytes): [number, number[]] {
    const segments = [0];
    let count = 0;
    for (const [i, r] of runes(s)) {
      if (++count > this.limit) break;
      segments.push(i + runeLen(r));
    }
    return [0, segments];
  }
  len(): number {
    return -1;
  }
}

export class EveryOf implements Matcher {
  readonly matchers: Matcher[] = [];
  constructor(matchers: Matcher[] = []) {
    this.matchers = matchers;
  }
  match(s: Bytes): boolean {
    return this.matchers.every((m) => m.match(s));
  }
  index(s: Bytes): [number, number[]] {
    let index = 0;
    let offset = 0;
    let current: number[] = [];
    let sub = s;
    this.matchers.forEach((m, i) => {
      if (index === -1) return;
      const [idx, seg] = m.index(sub);
      if (idx === -1) {
        index = -1;
        return;
      }
      if (i === 0) current = [...seg];
      else {
        const delta = index - (idx + offset);
        const next: number[] = [];
        for (const ex of current) for (const n of seg) if (ex + delta === n) next.push(n);
        if (next.length === 0) {
          index = -1;
          return;
        }
        current = next;
      }
      index = idx + offset;
      sub = slice(s, index);
      offset += idx;
    });
    return index === -1 ? [-1, []] : [index, current];
  }
  len(): number {
    // gobwas' EveryOf.Len never gets past its first matcher.
    return this.matchers.length === 0 ? 0 : -1;
  }
}

export class Row implements Matcher {
  readonly matchers: Matcher[];
  readonly runesLength: number;
  constructor(matchers: Matcher[], runesLength: number) {
    this.matchers = matchers;
    this.runesLength = runesLength;
  }
  private matchAll(s: Bytes): boolean {
    let idx = 0;
    for (const m of this.matchers) {
      const length = m.len();
      let next = 0;
      let i = 0;
      for (const [j] of runes(slice(s, idx))) {
        next = j;
        i++;
        if (i === length) break;
      }
      if (i < length || !m.match(slice(s, idx, idx + next + 1))) return false;
      idx += next + 1;
    }
    return true;
  }
  match(s: Bytes): boolean {
    let i = 0;
    for (const _ of runes(s)) if (++i > this.runesLength) return false;
    return i === this.runesLength && this.matchAll(s);
  }
  index(s: Bytes): [number, number[]] {
    for (const [i] of runes(s)) {
      if (s.length - i < this.runesLength) break;
      if (this.matchAll(s.subarray(i))) return [i, [this.runesLength]];
    }
    return [-1, []];
  }
  len(): number {
    return this.runesLength;
  }
}

export class Prefix implements Matcher {
  readonly prefix: Bytes;
  constructor(prefix: Bytes) {
    this.prefix = prefix;
  }
  match(s: Bytes): boolean {
    return hasPrefix(s, this.prefix);
  }
  index(s: Bytes): [number, number[]] {
    const idx = indexOf(s, this.prefix);
    if (idx === -1) return [-1, []];
    const n = this.prefix.length;
    const sub = s.length > idx + n ? s.subarray(idx + n) : Buffer.alloc(0);
    const segments = [n];
    for (const [i, r] of runes(sub)) segments.push(n + i + runeLen(r));
    return [idx, segments];
  }
  len(): number {
    return -1;
  }
}

export class Suffix implements Matcher {
  readonly suffix: Bytes;
  constructor(suffix: Bytes) {
    this.suffix = suffix;
  }
  match(s: Bytes): boolean {
    return hasSuffix(s, this.suffix);
  }
  index(s: Bytes): [number, number[]] {
    const idx = indexOf(s, this.suffix);
    return idx === -1 ? [-1, []] : [0, [idx + this.suffix.length]];
  }
  len(): number {
    return -1;
  }
}

export class PrefixSuffix implements Matcher {
  readonly prefix: Bytes;
  readonly suffix: Bytes;
  constructor(prefix: Bytes, suffix: Bytes) {
    this.prefix = prefix;
    this.suffix = suffix;
  }
  match(s: Bytes): boolean {
    return hasPrefix(s, this.prefix) && hasSuffix(s, this.suffix);
  }
  index(s: Bytes): [number, number[]] {
    const prefixIdx = indexOf(s, this.prefix);
    if (prefixIdx === -1) return [-1, []];
    const suffixLen = this.suffix.length;
    if (suffixLen <= 0) return [prefixIdx, [s.length - prefixIdx]];
    if (s.length - prefixIdx <= 0) return [-1, []];
    const segments: number[] = [];
    let sub = s.subarray(prefixIdx);
    for (;;) {
      const suffixIdx = lastIndexOf(sub, this.suffix);
      if (suffixIdx === -1) break;
      segments.push(suffixIdx + suffixLen);
      sub = sub.subarray(0, suffixIdx);
    }
    if (segments.length === 0) return [-1, []];
    return [prefixIdx, segments.reverse()];
  }
  len(): number {
    return -1;
  }
}

export class PrefixAny implements Matcher {
  readonly prefix: Bytes;
  readonly seps: readonly number[];
  constructor(prefix: Bytes, seps: readonly number[]) {
    this.prefix = prefix;
    this.seps = seps;
  }
  match(s: Bytes): boolean {
    if (!hasPrefix(s, this.prefix)) return false;
    return indexAnyRunes(s.subarray(this.prefix.length), this.seps) === -1;
  }
  index(s: Bytes): [number, number[]] {
    const idx = indexOf(s, this.prefix);
    if (idx === -1) return [-1, []];
    const n = this.prefix.length;
    let sub = s.subarray(idx + n);
    const i = indexAnyRunes(sub, this.seps);
    if (i > -1) sub = sub.subarray(0, i);
    const segments = [n];
    for (const [j, r] of runes(sub)) segments.push(n + j + runeLen(r));
    return [idx, segments];
  }
  len(): number {
    return -1;
  }
}

export class SuffixAny implements Matcher {
  readonly suffix: Bytes;
  readonly seps: readonly number[];
  constructor(suffix: Bytes, seps: readonly number[]) {
    this.suffix = suffix;
    this.seps = seps;
  }
  match(s: Bytes): boolean {
    if (!hasSuffix(s, this.suffix)) return false;
    return indexAnyRunes(s.subarray(0, s.length - this.suffix.length), this.seps) === -1;
  }
  index(s: Bytes): [number, number[]] {
    const idx = indexOf(s, this.suffix);
    if (idx === -1) return [-1, []];
    const i = lastIndexAnyRunes(s.subarray(0, idx), this.seps) + 1;
    return [i, [idx + this.suffix.length - i]];
  }
  len(): number {
    return -1;
  }
}

export class BTree implements Matcher {
  readonly valueLen: number;
  readonly leftLen: number;
  readonly rightLen: number;
  readonly length: number;
  readonly value: Matcher;
  left: Matcher | undefined;
  right: Matcher | undefined;
  constructor(value: Matcher, left: Matcher | undefined, right: Matcher | undefined) {
    this.value = value;
    this.left = left;
    this.right = right;

    let ok = true;
    this.valueLen = value.len();
    if (this.valueLen === -1) ok = false;
    this.leftLen = left ? left.len() : 0;
    if (left && this.leftLen === -1) ok = false;
    this.rightLen = right ? right.len() : 0;
    if (right && this.rightLen === -1) ok = false;
    this.length = ok ? this.leftLen + this.valueLen + this.rightLen : -1;
  }
  len(): number {
    return this.length;
  }
  index(): [number, number[]] {
    return [-1, []];
  }
  match(s: Bytes): boolean {
    const inputLen = s.length;
    let offset = 0;
    let limit: number;
    if (this.length !== -1 && this.length > inputLen) {
      limit = 0;
    } else {
      if (this.leftLen >= 0) offset = this.leftLen;
      limit = this.rightLen >= 0 ? inputLen - this.rightLen : inputLen;
    }
    while (offset < limit) {
      const [index, segments] = this.value.index(slice(s, offset, limit));
      if (index === -1) return false;
      const l = slice(s, 0, offset + index);
      const left = this.left ? this.left.match(l) : l.length === 0;
      if (left) {
        for (let i = segments.length - 1; i >= 0; i--) {
          const length = segments[i]!;
          const r = inputLen <= offset + index + length ? Buffer.alloc(0) : slice(s, offset + index + length);
          const right = this.right ? this.right.match(r) : r.length === 0;
          if (right) return true;
        }
      }
      const [, step] = decodeRune(s, offset + index);
      offset += index + step;
    }
    return false;
  }
}
