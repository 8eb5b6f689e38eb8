/**
 * A fast path for the common shape of RFC 3339 timestamps
 * (`2026-11-25T12:34:56.789Z`, `…+02:00`), which policies parse once per object.
 * Anything else, including every malformed or out-of-range text, goes to the
 * general layout parser, which owns the error messages.
 */
import { daysFromCivil, daysIn, SECONDS_PER_DAY } from "./civil.js";

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Whole seconds and nanoseconds since the epoch, or undefined when the general parser must decide. */
export function parseRFC3339Common(text: string): { sec: number; nsec: number } | undefined {
  const m = SHAPE.exec(text);
  if (!m) return undefined;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = +m[4]!;
  const min = +m[5]!;
  const sec = +m[6]!;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || min > 59 || sec > 59) return undefined;
  let offset = 0;
  if (m[8] !== undefined) {
    const oh = +m[9]!;
    const om = +m[10]!;
    if (oh > 23 || om > 59) return undefined;
    offset = (oh * 3600 + om * 60) * (m[8] === "-" ? -1 : 1);
  }
  const nsec = m[7] === undefined ? 0 : +m[7].padEnd(9, "0");
  const days = daysFromCivil(year, month, day);
  return { sec: days * SECONDS_PER_DAY + hour * 3600 + min * 60 + sec - offset, nsec };
}
