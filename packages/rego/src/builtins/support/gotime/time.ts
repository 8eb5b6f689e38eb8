/**
 * An instant with a zone, as Go's `time.Time`: whole Unix seconds plus nanoseconds
 * (0-999999999), read in a zone. Conversions to and from int64 nanoseconds are exact
 * (bigint).
 */
import { SECONDS_PER_DAY, civilFromDays, floorDivMod, wallToUnix, weekdayOfDays, yearDayOfDays } from "./civil.js";
import type { Zone } from "./zone.js";

export interface GoTime {
  readonly sec: number;
  readonly nsec: number;
  readonly zone: Zone;
}

export const MIN_INT64 = -(2n ** 63n);
export const MAX_INT64 = 2n ** 63n - 1n;
const NS = 1_000_000_000n;

/** Go's `time.Unix(0, ns).In(zone)`. */
export function fromUnixNano(ns: bigint, zone: Zone): GoTime {
  let sec = ns / NS;
  let nsec = ns % NS;
  if (nsec < 0n) {
    nsec += NS;
    sec -= 1n;
  }
  return { sec: Number(sec), nsec: Number(nsec), zone };
}

/** Nanoseconds since the epoch, or undefined outside the int64 range (OPA's "time outside of valid range"). */
export function unixNano(t: GoTime): bigint | undefined {
  if (!Number.isSafeInteger(t.sec)) return undefined;
  const ns = BigInt(t.sec) * NS + BigInt(t.nsec);
  return ns < MIN_INT64 || ns > MAX_INT64 ? undefined : ns;
}

export interface Fields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Days since 1970-01-01 of the local date. */
  readonly days: number;
  /** Seconds east of UTC. */
  readonly offset: number;
}

/** The wall-clock fields of `t` in its zone. */
export function fieldsOf(t: GoTime): Fields {
  const offset = t.zone.offsetAt(t.sec);
  const [days, secOfDay] = floorDivMod(t.sec + offset, SECONDS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    days,
    offset,
  };
}

export function weekday(f: Fields): number {
  return weekdayOfDays(f.days);
}

export function yearDay(f: Fields): number {
  return yearDayOfDays(f.days);
}

/**
 * Go's `time.Date`: a wall-clock time in `zone`, normalized. Near a zone transition
 * Go looks up the offset at the wall time read as UTC, then once more at the
 * corrected instant; so does this.
 */
export function makeDate(year: number, month: number, day: number, hour: number, min: number, sec: number, nsec: number, zone: Zone): GoTime {
  const [unix, ns] = wallToUnix(year, month, day, hour, min, sec, nsec);
  let offset = zone.offsetAt(unix);
  if (offset !== 0) offset = zone.offsetAt(unix - offset);
  return { sec: unix - offset, nsec: ns, zone };
}

/** Go's `Time.AddDate`. */
export function addDate(t: GoTime, years: number, months: number, days: number): GoTime {
  const f = fieldsOf(t);
  return makeDate(f.year + years, f.month + months, f.day + days, f.hour, f.minute, f.second, t.nsec, t.zone);
}

/** Go's `Time.In`. */
export function inZone(t: GoTime, zone: Zone): GoTime {
  return { sec: t.sec, nsec: t.nsec, zone };
}

/** -1, 0 or 1 by instant. */
export function compareTimes(a: GoTime, b: GoTime): number {
  if (a.sec !== b.sec) return a.sec < b.sec ? -1 : 1;
  return a.nsec < b.nsec ? -1 : a.nsec > b.nsec ? 1 : 0;
}
