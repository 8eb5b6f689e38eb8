/**
 * Go's `time.Parse(layout, value)`, with its error messages. Runs on binary strings
 * (one byte per unit) so that slicing and error texts follow Go's byte semantics.
 */
import { toBinary } from "../gobytes/utf8.js";
import { LONG_DAY_NAMES, LONG_MONTH_NAMES, SHORT_DAY_NAMES, SHORT_MONTH_NAMES, daysBefore, daysIn, isLeap } from "./civil.js";
import { Std, nextStdChunk } from "./layout.js";
import { makeDate, type GoTime } from "./time.js";
import { UTC, type Zone } from "./zone.js";

/** A failed parse; `message` is Go's `ParseError.Error()`. */
export class TimeParseError extends Error {}

/** Go's `time.quote` (not strconv's): bytes >= 0x80 and controls print as `\xNN`. */
export function timeQuote(bin: string): string {
  let out = '"';
  for (let i = 0; i < bin.length; i++) {
    const c = bin.charCodeAt(i);
    if (c >= 0x80 || c < 0x20) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c === 0x22 || c === 0x5c) out += "\\" + bin[i];
    else out += bin[i];
  }
  return out + '"';
}

function parseError(layout: string, value: string, layoutElem: string, valueElem: string, message: string): TimeParseError {
  if (message === "") {
    return new TimeParseError(
      `parsing time ${timeQuote(value)} as ${timeQuote(layout)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`,
    );
  }
  return new TimeParseError(`parsing time ${timeQuote(value)}${message}`);
}

const BAD = Symbol("bad");

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

/** One or two digits (exactly two when `fixed`). */
function getnum(s: string, fixed: boolean): [number, string] | typeof BAD {
  if (!isDigit(s, 0)) return BAD;
  if (!isDigit(s, 1)) {
    if (fixed) return BAD;
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), s.slice(2)];
}

/** One to three digits (exactly three when `fixed`). */
function getnum3(s: string, fixed: boolean): [number, string] | typeof BAD {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigit(s, i); i++) n = n * 10 + (s.charCodeAt(i) - 48);
  if (i === 0 || (fixed && i !== 3)) return BAD;
  return [n, s.slice(i)];
}

/** Go's `leadingInt`: the leading digits (at most 2^63), or BAD on overflow. */
export function leadingInt(s: string): [bigint, string] | typeof BAD {
  let i = 0;
  let x = 0n;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    if (x > 2n ** 63n / 10n) return BAD;
    x = x * 10n + BigInt(c - 48);
    if (x > 2n ** 63n) return BAD;
  }
  return [x, s.slice(i)];
}

/** Go's `atoi`: an optionally signed decimal integer, all of `s`. */
function atoi(s: string): number | typeof BAD {
  let neg = false;
  if (s.length > 0 && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  let x: number;
  if (s.length <= 15) {
    // Short digit runs (every layout field) fit a double exactly.
    if (!/^[0-9]*$/.test(s)) return BAD;
    x = s === "" ? 0 : Number(s);
  } else {
    const r = leadingInt(s);
    if (r === BAD || r[1].length > 0) return BAD;
    x = Number(BigInt.asIntN(64, r[0]));
  }
  return neg ? -x : x;
}

function skipSpaces(s: string): string {
  let i = 0;
  while (i < s.length && s[i] === " ") i++;
  return s.slice(i);
}

/** Removes `prefix` from `value`, runs of spaces matching runs of spaces. */
function skip(value: string, prefix: string): string | typeof BAD {
  while (prefix.length > 0) {
    if (prefix[0] === " ") {
      if (value.length > 0 && value[0] !== " ") return BAD;
      prefix = skipSpaces(prefix);
      value = skipSpaces(value);
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return BAD;
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

/** Case-insensitive match of a name table entry at the start of `val`. */
function lookup(tab: readonly string[], val: string): [number, string] | typeof BAD {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i]!;
    if (val.length >= v.length && matchFold(val.slice(0, v.length), v)) return [i, val.slice(v.length)];
  }
  return BAD;
}

function matchFold(a: string, b: string): boolean {
  for (let i = 0; i < a.length; i++) {
    let c1 = a.charCodeAt(i);
    let c2 = b.charCodeAt(i);
    if (c1 !== c2) {
      c1 |= 0x20;
      c2 |= 0x20;
      if (c1 !== c2 || c1 < 0x61 || c1 > 0x7a) return false;
    }
  }
  return true;
}

function commaOrPeriod(s: string, i: number): boolean {
  return s[i] === "." || s[i] === ",";
}

/**
 * A fractional second `value[0:nbytes]` (separator included) in nanoseconds; a
 * negative number (Go's atoi takes a sign) is a range error.
 */
function parseNanoseconds(value: string, nbytes: number): { ns: number; range: string } | typeof BAD {
  if (!commaOrPeriod(value, 0)) return BAD;
  if (nbytes > 10) nbytes = 10;
  const ns = atoi(value.slice(1, nbytes));
  if (ns === BAD) return BAD;
  if (ns < 0) return { ns, range: "fractional second" };
  return { ns: ns * 10 ** (10 - nbytes), range: "" };
}

/** Go's `parseTimeZone`: the length of a zone abbreviation at the start of `value`, or 0. */
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith("ChST") || value.startsWith("MeST")) return 4;
  if (value.startsWith("GMT")) return 3 + (value.length === 3 ? 0 : parseSignedOffset(value.slice(3)));
  if (value[0] === "+" || value[0] === "-") return parseSignedOffset(value);
  let n = 0;
  for (; n < 6 && n < value.length; n++) {
    const c = value.charCodeAt(n);
    if (c < 0x41 || c > 0x5a) break;
  }
  switch (n) {
    case 5:
      return value[4] === "T" ? 5 : 0;
    case 4:
      return value[3] === "T" || value.startsWith("WITA") ? 4 : 0;
    case 3:
      return 3;
    default:
      return 0;
  }
}

/** A signed hour offset in -23..+23 ("+03"): its length, or 0. */
function parseSignedOffset(value: string): number {
  if (value[0] !== "-" && value[0] !== "+") return 0;
  const r = leadingInt(value.slice(1));
  if (r === BAD || r[1].length === value.length - 1) return 0;
  if (r[0] > 23n) return 0;
  return value.length - r[1].length;
}

/**
 * Parses `value` with `layout`. Without zone information the time is UTC; a zone
 * abbreviation is looked up in `local`, as Go looks it up in `time.Local`.
 */
export function parseTime(layoutText: string, valueText: string, local: Zone): GoTime {
  const alayout = toBinary(layoutText);
  const avalue = toBinary(valueText);
  let layout = alayout;
  let value = avalue;
  let rangeErr = "";
  let amSet = false;
  let pmSet = false;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Zone | undefined;
  let zoneOffset = -1;
  let zoneName = "";

  for (;;) {
    const c = nextStdChunk(layout);
    const skipped = skip(value, c.prefix);
    if (skipped === BAD) throw parseError(alayout, avalue, c.prefix, value, "");
    value = skipped;
    if (c.std === Std.None) {
      if (value.length !== 0) throw parseError(alayout, avalue, "", value, ": extra text: " + timeQuote(value));
      break;
    }
    layout = c.suffix;
    const hold = value;
    let bad = false;
    const num = (r: [number, string] | typeof BAD): number => {
      if (r === BAD) {
        bad = true;
        return 0;
      }
      value = r[1];
      return r[0];
    };
    switch (c.std) {
      case Std.Year: {
        if (value.length < 2) {
          bad = true;
          break;
        }
        const p = value.slice(0, 2);
        value = value.slice(2);
        const y = atoi(p);
        if (y === BAD) {
          bad = true;
          break;
        }
        year = y >= 69 ? y + 1900 : y + 2000;
        break;
      }
      case Std.LongYear: {
        if (value.length < 4 || !isDigit(value, 0)) {
          bad = true;
          break;
        }
        const p = value.slice(0, 4);
        value = value.slice(4);
        const y = atoi(p);
        if (y === BAD) bad = true;
        else year = y;
        break;
      }
      case Std.Month:
      case Std.LongMonth: {
        const r = lookup(c.std === Std.Month ? SHORT_MONTH_NAMES : LONG_MONTH_NAMES, value);
        if (r === BAD) bad = true;
        else [month, value] = [r[0] + 1, r[1]];
        break;
      }
      case Std.NumMonth:
      case Std.ZeroMonth:
        month = num(getnum(value, c.std === Std.ZeroMonth));
        if (!bad && (month <= 0 || month > 12)) rangeErr = "month";
        break;
      case Std.WeekDay:
      case Std.LongWeekDay: {
        const r = lookup(c.std === Std.WeekDay ? SHORT_DAY_NAMES : LONG_DAY_NAMES, value);
        if (r === BAD) bad = true;
        else value = r[1];
        break;
      }
      case Std.Day:
      case Std.UnderDay:
      case Std.ZeroDay:
        if (c.std === Std.UnderDay && value[0] === " ") value = value.slice(1);
        day = num(getnum(value, c.std === Std.ZeroDay));
        break;
      case Std.UnderYearDay:
      case Std.ZeroYearDay:
        for (let i = 0; i < 2; i++) if (c.std === Std.UnderYearDay && value[0] === " ") value = value.slice(1);
        yday = num(getnum3(value, c.std === Std.ZeroYearDay));
        break;
      case Std.Hour:
        hour = num(getnum(value, false));
        if (hour < 0 || hour >= 24) rangeErr = "hour";
        break;
      case Std.Hour12:
      case Std.ZeroHour12:
        hour = num(getnum(value, c.std === Std.ZeroHour12));
        if (hour < 0 || hour > 12) rangeErr = "hour";
        break;
      case Std.Minute:
      case Std.ZeroMinute:
        min = num(getnum(value, c.std === Std.ZeroMinute));
        if (min < 0 || min >= 60) rangeErr = "minute";
        break;
      case Std.Second:
      case Std.ZeroSecond: {
        sec = num(getnum(value, c.std === Std.ZeroSecond));
        if (bad) break;
        if (sec < 0 || sec >= 60) {
          rangeErr = "second";
          break;
        }
        // A fractional second in the value that the layout does not spell out.
        if (value.length >= 2 && commaOrPeriod(value, 0) && isDigit(value, 1)) {
          const next = nextStdChunk(layout).std;
          if (next === Std.FracSecond0 || next === Std.FracSecond9) break;
          let n = 2;
          while (n < value.length && isDigit(value, n)) n++;
          const ns = parseNanoseconds(value, n);
          if (ns === BAD) bad = true;
          else [nsec, rangeErr] = [ns.ns, ns.range];
          value = value.slice(n);
        }
        break;
      }
      case Std.PM:
      case Std.pm: {
        if (value.length < 2) {
          bad = true;
          break;
        }
        const p = value.slice(0, 2);
        value = value.slice(2);
        const [pm, am] = c.std === Std.PM ? ["PM", "AM"] : ["pm", "am"];
        if (p === pm) pmSet = true;
        else if (p === am) amSet = true;
        else bad = true;
        break;
      }
      case Std.ISO8601TZ:
      case Std.ISO8601ShortTZ:
      case Std.ISO8601ColonTZ:
      case Std.ISO8601SecondsTZ:
      case Std.ISO8601ColonSecondsTZ:
      case Std.NumTZ:
      case Std.NumShortTZ:
      case Std.NumColonTZ:
      case Std.NumSecondsTz:
      case Std.NumColonSecondsTZ: {
        const iso =
          c.std === Std.ISO8601TZ ||
          c.std === Std.ISO8601ShortTZ ||
          c.std === Std.ISO8601ColonTZ ||
          c.std === Std.ISO8601SecondsTZ ||
          c.std === Std.ISO8601ColonSecondsTZ;
        if (iso && value[0] === "Z") {
          value = value.slice(1);
          z = UTC;
          break;
        }
        let sign: string;
        let hh: string;
        let mm: string;
        let ss: string;
        if (c.std === Std.ISO8601ColonTZ || c.std === Std.NumColonTZ) {
          if (value.length < 6 || value[3] !== ":") {
            bad = true;
            break;
          }
          [sign, hh, mm, ss, value] = [value.slice(0, 1), value.slice(1, 3), value.slice(4, 6), "00", value.slice(6)];
        } else if (c.std === Std.NumShortTZ || c.std === Std.ISO8601ShortTZ) {
          if (value.length < 3) {
            bad = true;
            break;
          }
          [sign, hh, mm, ss, value] = [value.slice(0, 1), value.slice(1, 3), "00", "00", value.slice(3)];
        } else if (c.std === Std.ISO8601ColonSecondsTZ || c.std === Std.NumColonSecondsTZ) {
          if (value.length < 9 || value[3] !== ":" || value[6] !== ":") {
            bad = true;
            break;
          }
          [sign, hh, mm, ss, value] = [value.slice(0, 1), value.slice(1, 3), value.slice(4, 6), value.slice(7, 9), value.slice(9)];
        } else if (c.std === Std.ISO8601SecondsTZ || c.std === Std.NumSecondsTz) {
          if (value.length < 7) {
            bad = true;
            break;
          }
          [sign, hh, mm, ss, value] = [value.slice(0, 1), value.slice(1, 3), value.slice(3, 5), value.slice(5, 7), value.slice(7)];
        } else {
          if (value.length < 5) {
            bad = true;
            break;
          }
          [sign, hh, mm, ss, value] = [value.slice(0, 1), value.slice(1, 3), value.slice(3, 5), "00", value.slice(5)];
        }
        let hr = 0;
        let mi = 0;
        let se = 0;
        const h = getnum(hh, true);
        if (h === BAD) bad = true;
        else {
          hr = h[0];
          const m = getnum(mm, true);
          if (m === BAD) bad = true;
          else {
            mi = m[0];
            const s = getnum(ss, true);
            if (s === BAD) bad = true;
            else se = s[0];
          }
        }
        // Go allows 24 hours, 60 minutes and 60 seconds here.
        if (hr > 24) rangeErr = "time zone offset hour";
        if (mi > 60) rangeErr = "time zone offset minute";
        if (se > 60) rangeErr = "time zone offset second";
        zoneOffset = (hr * 60 + mi) * 60 + se;
        if (sign === "-") zoneOffset = -zoneOffset;
        else if (sign !== "+") bad = true;
        break;
      }
      case Std.TZ: {
        if (value.startsWith("UTC")) {
          z = UTC;
          value = value.slice(3);
          break;
        }
        const n = parseTimeZone(value);
        if (n === 0) {
          bad = true;
          break;
        }
        zoneName = value.slice(0, n);
        value = value.slice(n);
        break;
      }
      case Std.FracSecond0: {
        // Exactly as many digits as the layout has.
        const ndigit = 1 + c.digits;
        if (value.length < ndigit) {
          bad = true;
          break;
        }
        const ns = parseNanoseconds(value, ndigit);
        if (ns === BAD) bad = true;
        else [nsec, rangeErr] = [ns.ns, ns.range];
        value = value.slice(ndigit);
        break;
      }
      case Std.FracSecond9: {
        if (value.length < 2 || !commaOrPeriod(value, 0) || !isDigit(value, 1)) break; // omitted
        let i = 0;
        while (i + 1 < value.length && isDigit(value, i + 1)) i++;
        const ns = parseNanoseconds(value, 1 + i);
        if (ns === BAD) bad = true;
        else [nsec, rangeErr] = [ns.ns, ns.range];
        value = value.slice(1 + i);
        break;
      }
    }
    if (rangeErr !== "") throw parseError(alayout, avalue, c.text, value, ": " + rangeErr + " out of range");
    if (bad) throw parseError(alayout, avalue, c.text, hold, "");
  }

  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) {
        yday--;
      }
    }
    if (yday < 1 || yday > 365) throw parseError(alayout, avalue, "", value, ": day-of-year out of range");
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (daysBefore(m + 1) < yday) m++;
      d = yday - daysBefore(m);
    }
    if (month >= 0 && month !== m) throw parseError(alayout, avalue, "", value, ": day-of-year does not match month");
    month = m;
    if (day >= 0 && day !== d) throw parseError(alayout, avalue, "", value, ": day-of-year does not match day");
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }

  if (day < 1 || day > daysIn(month, year)) throw parseError(alayout, avalue, "", value, ": day out of range");

  if (z) return makeDate(year, month, day, hour, min, sec, nsec, z);

  if (zoneOffset !== -1) {
    const t = makeDate(year, month, day, hour, min, sec, nsec, UTC);
    return { sec: t.sec - zoneOffset, nsec: t.nsec, zone: UTC };
  }

  if (zoneName !== "") {
    const t = makeDate(year, month, day, hour, min, sec, nsec, UTC);
    const offset = lookupName(local, zoneName, t.sec);
    // An unknown abbreviation keeps the wall time as UTC (Go records a fabricated
    // zone with that name and offset, which does not move the instant).
    return offset === undefined ? t : { sec: t.sec - offset, nsec: t.nsec, zone: UTC };
  }

  return makeDate(year, month, day, hour, min, sec, nsec, UTC);
}

/**
 * Go's `Location.lookupName`: the offset of a zone abbreviation in `zone`, preferring
 * the one in effect around `unix`. Intl cannot list a zone's abbreviations, so this
 * checks the instant itself and half a year either side (standard and summer time).
 */
function lookupName(zone: Zone, name: string, unix: number): number | undefined {
  if (zone === UTC) return undefined;
  const halfYear = 183 * 86400;
  let fallback: number | undefined;
  for (const probe of [unix, unix - halfYear, unix + halfYear]) {
    if (zone.abbrevAt(probe) !== name) continue;
    const offset = zone.offsetAt(probe);
    if (zone.abbrevAt(unix - offset) === name) return zone.offsetAt(unix - offset);
    fallback ??= offset;
  }
  return fallback;
}
