/** Go's `Time.Format`: renders a time with a reference-time layout. */
import { LONG_DAY_NAMES, LONG_MONTH_NAMES, SHORT_DAY_NAMES, SHORT_MONTH_NAMES } from "./civil.js";
import { Std, layoutChunks, type Chunk } from "./layout.js";
import { fieldsOf, weekday, yearDay, type GoTime } from "./time.js";

/** Go's `appendInt`: decimal, zero-padded to `width` digits (sign not counted). */
function pad(x: number, width: number): string {
  const s = String(Math.abs(x)).padStart(width, "0");
  return x < 0 ? "-" + s : s;
}

/** A fractional second: `digits` digits; Go's FracSecond9 drops trailing zeros. */
function nanos(nsec: number, c: Chunk): string {
  const trim = c.std === Std.FracSecond9;
  if (trim && (c.digits === 0 || nsec === 0)) return "";
  let s = String(nsec).padStart(9, "0");
  if (c.digits < 9) s = s.slice(0, c.digits);
  if (trim) s = s.replace(/0+$/, "");
  return trim && s === "" ? "" : c.separator + s;
}

function zoneOffset(std: Std, offset: number): string {
  const iso =
    std === Std.ISO8601TZ ||
    std === Std.ISO8601ColonTZ ||
    std === Std.ISO8601SecondsTZ ||
    std === Std.ISO8601ShortTZ ||
    std === Std.ISO8601ColonSecondsTZ;
  if (offset === 0 && iso) return "Z";
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let out = "+";
  if (zone < 0) {
    out = "-";
    zone = -zone;
    abs = -abs;
  }
  out += pad(Math.floor(zone / 60), 2);
  const colon = std === Std.ISO8601ColonTZ || std === Std.NumColonTZ || std === Std.ISO8601ColonSecondsTZ || std === Std.NumColonSecondsTZ;
  if (colon) out += ":";
  if (std !== Std.NumShortTZ && std !== Std.ISO8601ShortTZ) out += pad(zone % 60, 2);
  if (std === Std.ISO8601SecondsTZ || std === Std.NumSecondsTz || std === Std.NumColonSecondsTZ || std === Std.ISO8601ColonSecondsTZ) {
    if (std === Std.NumColonSecondsTZ || std === Std.ISO8601ColonSecondsTZ) out += ":";
    out += pad(abs % 60, 2);
  }
  return out;
}

export function formatTime(t: GoTime, layout: string): string {
  const f = fieldsOf(t);
  let out = "";
  for (const c of layoutChunks(layout)) {
    out += c.prefix;
    switch (c.std) {
      case Std.None:
        break;
      case Std.Year:
        out += pad(Math.abs(f.year) % 100, 2);
        break;
      case Std.LongYear:
        out += pad(f.year, 4);
        break;
      case Std.Month:
        out += SHORT_MONTH_NAMES[f.month - 1];
        break;
      case Std.LongMonth:
        out += LONG_MONTH_NAMES[f.month - 1];
        break;
      case Std.NumMonth:
        out += String(f.month);
        break;
      case Std.ZeroMonth:
        out += pad(f.month, 2);
        break;
      case Std.WeekDay:
        out += SHORT_DAY_NAMES[weekday(f)];
        break;
      case Std.LongWeekDay:
        out += LONG_DAY_NAMES[weekday(f)];
        break;
      case Std.Day:
        out += String(f.day);
        break;
      case Std.UnderDay:
        out += (f.day < 10 ? " " : "") + String(f.day);
        break;
      case Std.ZeroDay:
        out += pad(f.day, 2);
        break;
      case Std.UnderYearDay: {
        const yd = yearDay(f);
        out += (yd < 100 ? (yd < 10 ? "  " : " ") : "") + String(yd);
        break;
      }
      case Std.ZeroYearDay:
        out += pad(yearDay(f), 3);
        break;
      case Std.Hour:
        out += pad(f.hour, 2);
        break;
      case Std.Hour12:
        out += String(f.hour % 12 === 0 ? 12 : f.hour % 12);
        break;
      case Std.ZeroHour12:
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, 2);
        break;
      case Std.Minute:
        out += String(f.minute);
        break;
      case Std.ZeroMinute:
        out += pad(f.minute, 2);
        break;
      case Std.Second:
        out += String(f.second);
        break;
      case Std.ZeroSecond:
        out += pad(f.second, 2);
        break;
      case Std.PM:
        out += f.hour >= 12 ? "PM" : "AM";
        break;
      case Std.pm:
        out += f.hour >= 12 ? "pm" : "am";
        break;
      case Std.TZ: {
        const name = t.zone.abbrevAt(t.sec);
        if (name !== "") {
          out += name;
          break;
        }
        let zone = Math.trunc(f.offset / 60);
        out += zone < 0 ? "-" : "+";
        zone = Math.abs(zone);
        out += pad(Math.floor(zone / 60), 2) + pad(zone % 60, 2);
        break;
      }
      case Std.FracSecond0:
      case Std.FracSecond9:
        out += nanos(t.nsec, c);
        break;
      default:
        out += zoneOffset(c.std, f.offset);
    }
  }
  return out;
}
