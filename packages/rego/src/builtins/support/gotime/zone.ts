/**
 * Time zones, as Go's `*time.Location`: UTC, the process's local zone, and IANA zones
 * loaded by name. Offsets come from Intl (Node's ICU carries the IANA database);
 * Intl has no API for zone abbreviations, so `abbrev` asks a few English locales for
 * a short name and otherwise prints the offset as tzdata does ("+03", "+0530").
 */
import { floorDivMod } from "./civil.js";

export interface Zone {
  /** Go's `Location.String()`: "UTC", "Local", "America/New_York". */
  readonly name: string;
  /** Seconds east of UTC in effect at the instant. */
  offsetAt(unixSec: number): number;
  /** The zone abbreviation in effect at the instant ("EST", "CET", "+03"). */
  abbrevAt(unixSec: number): string;
}

export const UTC: Zone = {
  name: "UTC",
  offsetAt: () => 0,
  abbrevAt: () => "UTC",
};

/** Intl's Date range: ±8.64e15 ms. Instants beyond it use the offset at the edge. */
const MAX_MS = 8.64e15;

class IntlZone implements Zone {
  readonly name: string;
  readonly #id: string;
  #parts: Intl.DateTimeFormat | undefined;
  #offsets = new Map<number, number>();

  constructor(name: string, id: string) {
    this.name = name;
    this.#id = id;
  }

  offsetAt(unixSec: number): number {
    const cached = this.#offsets.get(unixSec);
    if (cached !== undefined) return cached;
    let ms = unixSec * 1000;
    if (ms > MAX_MS) ms = MAX_MS;
    if (ms < -MAX_MS) ms = -MAX_MS;
    this.#parts ??= new Intl.DateTimeFormat("en-US", {
      timeZone: this.#id,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    const f: Record<string, string> = {};
    for (const p of this.#parts.formatToParts(new Date(ms))) f[p.type] = p.value;
    let year = Number(f.year);
    if (f.era === "BC" || f.era === "B") year = 1 - year;
    const wall = new Date(0);
    wall.setUTCFullYear(year, Number(f.month) - 1, Number(f.day));
    wall.setUTCHours(Number(f.hour), Number(f.minute), Number(f.second), 0);
    const offset = (wall.getTime() - floorDivMod(ms, 1000)[0] * 1000) / 1000;
    if (this.#offsets.size > 256) this.#offsets.clear();
    this.#offsets.set(unixSec, offset);
    return offset;
  }

  abbrevAt(unixSec: number): string {
    const offset = this.offsetAt(unixSec);
    const ms = Math.max(-MAX_MS, Math.min(MAX_MS, unixSec * 1000));
    for (const locale of ABBREV_LOCALES) {
      const name = shortName(locale, this.#id, ms);
      if (name !== undefined && /^[A-Z]{3,5}$/.test(name) && (name !== "GMT" || offset === 0)) return name;
    }
    return numericAbbrev(offset);
  }
}

const ABBREV_LOCALES = ["en-US", "en-GB", "en-IN", "en-AU", "en-NZ", "en-ZA", "ja-JP"];
const shortNameFormats = new Map<string, Intl.DateTimeFormat>();

function shortName(locale: string, id: string, ms: number): string | undefined {
  const key = locale + " " + id;
  let fmt = shortNameFormats.get(key);
  if (!fmt) {
    if (shortNameFormats.size > 512) shortNameFormats.clear();
    fmt = new Intl.DateTimeFormat(locale, { timeZone: id, timeZoneName: "short" });
    shortNameFormats.set(key, fmt);
  }
  return fmt.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value;
}

/** tzdata's numeric abbreviations ("+03", "-0330"); local mean time has seconds. */
function numericAbbrev(offset: number): string {
  if (offset % 60 !== 0) return "LMT";
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset) / 60;
  const hh = String(Math.floor(a / 60)).padStart(2, "0");
  const mm = a % 60;
  return sign + hh + (mm === 0 ? "" : String(mm).padStart(2, "0"));
}

/** Thrown for a zone name Go's `time.LoadLocation` would not load. */
export class ZoneError extends Error {}

const zones = new Map<string, Zone>();
let local: Zone | undefined;

/** Go's `time.Local`: the process's zone (from TZ or the system). */
export function localZone(): Zone {
  if (!local) {
    const id = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    local = id === "UTC" || id === "Etc/UTC" || id === undefined ? { ...UTC, name: "Local" } : new IntlZone("Local", id);
  }
  return local;
}

/**
 * Go's `time.LoadLocation`: "" and "UTC" are UTC, "Local" the local zone, anything
 * else an IANA zone name spelled exactly (Go reads the zoneinfo files by name, so
 * the lookup is case-sensitive).
 */
export function loadLocation(name: string): Zone {
  if (name === "" || name === "UTC") return UTC;
  if (name === "Local") return localZone();
  const cached = zones.get(name);
  if (cached) return cached;
  if (name.includes("..") || name.startsWith("/") || name.startsWith("\\")) throw new ZoneError("time: invalid location name");
  const id = resolveZoneId(name);
  if (id === undefined) throw new ZoneError("unknown time zone " + name);
  const zone = new IntlZone(name, id);
  if (zones.size > 256) zones.clear();
  zones.set(name, zone);
  return zone;
}

function resolveZoneId(name: string): string | undefined {
  // Every IANA name segment starts with an upper-case letter ("America/Port-au-Prince",
  // "Etc/GMT+5", "EST5EDT"); Intl itself would accept any capitalization.
  if (!name.split("/").every((seg) => /^[A-Z]/.test(seg))) return undefined;
  let resolved: string | undefined;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  if (resolved === undefined) return undefined;
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return undefined;
  return name;
}
