/**
 * The gate's time arithmetic. Its clock is the newest `generated_at` (or
 * `declared_at`) of the input documents, never the wall clock, so the same inputs
 * give the same result tomorrow (expired waivers included).
 */

export const MS_PER_DAY = 86_400_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Milliseconds since the epoch of a calendar date (`2026-11-25`: 00:00 UTC that day)
 * or an RFC 3339 date-time; undefined when the text is neither, or names a day that
 * does not exist (`2026-02-30`).
 */
export function parseInstant(text: string): number | undefined {
  const m = DATE.exec(text) ?? DATE_TIME.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  if (m.length === 4) return day.getTime();
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Date.parse(text.toUpperCase());
  return Number.isNaN(ms) ? undefined : ms;
}

/** Whole days from `from` to `to` (negative when `to` comes first), rounded towards zero. */
export function daysBetween(from: number, to: number): number {
  return Math.trunc((to - from) / MS_PER_DAY);
}
