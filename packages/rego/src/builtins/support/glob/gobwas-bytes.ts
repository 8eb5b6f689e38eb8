/**
 * Go string operations on UTF-8 bytes, as gobwas/glob's matchers use them (byte
 * offsets, `for i, r := range s`, `strings.IndexRune`, slice bounds checks).
 */
import { BuiltinError } from "../../operands.js";

export type Bytes = Buffer;

const RUNE_ERROR = 0xfffd;

/** Go's `utf8.DecodeRune` at `i`: [rune, width]; (RuneError, 0) at the end. */
export function decodeRune(s: Bytes, i: number): [number, number] {
  if (i >= s.length) return [RUNE_ERROR, 0];
  const b0 = s[i]!;
  if (b0 < 0x80) return [b0, 1];
  const need = b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc0 ? 2 : 0;
  if (need === 0 || i + need > s.length) return [RUNE_ERROR, 1];
  let cp = b0 & (0xff >> (need + 1));
  for (let k = 1; k < need; k++) {
    const b = s[i + k]!;
    if ((b & 0xc0) !== 0x80) return [RUNE_ERROR, 1];
    cp = (cp << 6) | (b & 0x3f);
  }
  return [cp, need];
}

/** Go's `utf8.RuneLen` (RuneError counts 3, even for an invalid byte). */
export function runeLen(r: number): number {
  return r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4;
}

/** `for i, r := range s`: the start offsets and runes. */
export function* runes(s: Bytes): Generator<[number, number]> {
  for (let i = 0; i < s.length; ) {
    const [r, w] = decodeRune(s, i);
    yield [i, r];
    i += w;
  }
}

export function runeCount(s: Bytes): number {
  let n = 0;
  for (const _ of runes(s)) n++;
  return n;
}

export function encodeRune(r: number): Bytes {
  return Buffer.from(String.fromCodePoint(r), "utf8");
}

/** `s[from:to]` with Go's bounds check. */
export function slice(s: Bytes, from: number, to = s.length): Bytes {
  if (to > s.length) throw new BuiltinError(`runtime error: slice bounds out of range [:${to}] with length ${s.length}`);
  if (from < 0 || from > to) throw new BuiltinError(`runtime error: slice bounds out of range [${from}:${to}]`);
  return s.subarray(from, to);
}

export function indexOf(s: Bytes, sub: Bytes): number {
  return sub.length === 0 ? 0 : s.indexOf(sub);
}

export function lastIndexOf(s: Bytes, sub: Bytes): number {
  if (sub.length === 0) return s.length;
  for (let i = s.length - sub.length; i >= 0; i--) {
    if (s.subarray(i, i + sub.length).equals(sub)) return i;
  }
  return -1;
}

export function hasPrefix(s: Bytes, p: Bytes): boolean {
  return s.length >= p.length && s.subarray(0, p.length).equals(p);
}

export function hasSuffix(s: Bytes, p: Bytes): boolean {
  return s.length >= p.length && s.subarray(s.length - p.length).equals(p);
}

export function indexRune(s: Bytes, r: number): number {
  return s.indexOf(encodeRune(r));
}

/** gobwas' `IndexAnyRunes`: the index of the first separator *in separator order* found. */
export function indexAnyRunes(s: Bytes, seps: readonly number[]): number {
  for (const r of seps) {
    const i = indexRune(s, r);
    if (i !== -1) return i;
  }
  return -1;
}

/**
 * gobwas' `LastIndexAnyRunes`: right for ASCII separators; for others its loop finds
 * the first occurrence and may slice past the end (a Go panic).
 */
export function lastIndexAnyRunes(s: Bytes, seps: readonly number[]): number {
  for (const r of seps) {
    let i = -1;
    if (r < 0x80) i = s.lastIndexOf(r);
    else {
      for (let sub = s; sub.length > 0; ) {
        const j = indexRune(s, r);
        if (j === -1) break;
        i = j;
        sub = slice(sub, i + 1);
      }
    }
    if (i !== -1) return i;
  }
  return -1;
}
