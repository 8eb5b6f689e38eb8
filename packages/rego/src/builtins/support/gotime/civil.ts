/**
 * Proleptic Gregorian calendar arithmetic on Unix seconds, as Go's `time` package
 * does it (days since 1970-01-01; no leap seconds). Plain numbers are exact here:
 * every instant an int64 nanosecond count can hold is well inside 2^53 seconds.
 */

export const SECONDS_PER_DAY = 86400;

export const LONG_DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
export const SHORT_DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
export const LONG_MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
export const SHORT_MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in `month` (1-12) of `year`. */
export function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return DAYS_BEFORE[month]! - DAYS_BEFORE[month - 1]!;
}

/** Days in the year before the first of `month` (1-13), ignoring leap days. */
export function daysBefore(month: number): number {
  return DAYS_BEFORE[month - 1]!;
}

/** Floor division and remainder: `a = q*b + r` with `0 <= r < b`. */
export function floorDivMod(a: number, b: number): [number, number] {
  const q = Math.floor(a / b);
  return [q, a - q * b];
}

/** Days since 1970-01-01 of a civil date (`month` 1-12, `day` 1-31). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The civil date of a day count since 1970-01-01. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** 0 = Sunday. 1970-01-01 was a Thursday. */
export function weekdayOfDays(days: number): number {
  return floorDivMod(days + 4, 7)[1];
}

/** The day of the year, 1-366. */
export function yearDayOfDays(days: number): number {
  const { year } = civilFromDays(days);
  return days - daysFromCivil(year, 1, 1) + 1;
}

/**
 * Seconds since the epoch of a wall-clock time read as UTC, normalizing every field
 * the way Go's `time.Date` does (month 13 is January of the next year, day 0 the
 * last day of the previous month, and so on). Returns the seconds and the
 * normalized nanoseconds.
 */
export function wallToUnix(year: number, month: number, day: number, hour: number, min: number, sec: number, nsec: number): [number, number] {
  const [dy, m0] = floorDivMod(month - 1, 12);
  year += dy;
  const [ds, ns] = floorDivMod(nsec, 1e9);
  sec += ds;
  const [dm, s] = floorDivMod(sec, 60);
  min += dm;
  const [dh, mi] = floorDivMod(min, 60);
  hour += dh;
  const [dd, h] = floorDivMod(hour, 24);
  day += dd;
  const days = daysFromCivil(year, m0 + 1, 1) + day - 1;
  return [days * SECONDS_PER_DAY + h * 3600 + mi * 60 + s, ns];
}
