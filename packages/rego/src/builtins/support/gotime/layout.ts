/**
 * Go's reference-time layouts ("2006-01-02T15:04:05Z07:00"): the tokenizer shared by
 * formatting and parsing, and the named layouts OPA accepts.
 */

/** The layout constants OPA's `time.format` and `time.parse_ns` accept by name. */
export const NAMED_LAYOUTS: Readonly<Record<string, string>> = {
  ANSIC: "Mon Jan _2 15:04:05 2006",
  UnixDate: "Mon Jan _2 15:04:05 MST 2006",
  RubyDate: "Mon Jan 02 15:04:05 -0700 2006",
  RFC822: "02 Jan 06 15:04 MST",
  RFC822Z: "02 Jan 06 15:04 -0700",
  RFC850: "Monday, 02-Jan-06 15:04:05 MST",
  RFC1123: "Mon, 02 Jan 2006 15:04:05 MST",
  RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700",
  RFC3339: "2006-01-02T15:04:05Z07:00",
  RFC3339Nano: "2006-01-02T15:04:05.999999999Z07:00",
};

export const RFC3339 = NAMED_LAYOUTS.RFC3339!;
export const RFC3339_NANO = NAMED_LAYOUTS.RFC3339Nano!;

/** A layout element ("std" in Go). */
export const Std = {
  None: 0,
  LongMonth: 1, // January
  Month: 2, // Jan
  NumMonth: 3, // 1
  ZeroMonth: 4, // 01
  LongWeekDay: 5, // Monday
  WeekDay: 6, // Mon
  Day: 7, // 2
  UnderDay: 8, // _2
  ZeroDay: 9, // 02
  UnderYearDay: 10, // __2
  ZeroYearDay: 11, // 002
  Hour: 12, // 15
  Hour12: 13, // 3
  ZeroHour12: 14, // 03
  Minute: 15, // 4
  ZeroMinute: 16, // 04
  Second: 17, // 5
  ZeroSecond: 18, // 05
  LongYear: 19, // 2006
  Year: 20, // 06
  PM: 21, // PM
  pm: 22, // pm
  TZ: 23, // MST
  ISO8601TZ: 24, // Z0700
  ISO8601SecondsTZ: 25, // Z070000
  ISO8601ShortTZ: 26, // Z07
  ISO8601ColonTZ: 27, // Z07:00
  ISO8601ColonSecondsTZ: 28, // Z07:00:00
  NumTZ: 29, // -0700
  NumSecondsTz: 30, // -070000
  NumShortTZ: 31, // -07
  NumColonTZ: 32, // -07:00
  NumColonSecondsTZ: 33, // -07:00:00
  FracSecond0: 34, // .0, .00, ... trailing zeros kept
  FracSecond9: 35, // .9, .99, ... trailing zeros dropped
} as const;
export type Std = (typeof Std)[keyof typeof Std];

export interface Chunk {
  /** Literal text before the element. */
  readonly prefix: string;
  readonly std: Std;
  /** The element's text in the layout. */
  readonly text: string;
  /** The rest of the layout. */
  readonly suffix: string;
  /** Fractional seconds: digit count and separator ('.' or ','). */
  readonly digits: number;
  readonly separator: string;
}

const STD0X: readonly Std[] = [Std.ZeroMonth, Std.ZeroDay, Std.ZeroHour12, Std.ZeroMinute, Std.ZeroSecond, Std.Year];

function startsWithLowerCase(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0x61 && c <= 0x7a;
}

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

function chunk(layout: string, start: number, end: number, std: Std, digits = 0, separator = "."): Chunk {
  return { prefix: layout.slice(0, start), std, text: layout.slice(start, end), suffix: layout.slice(end), digits, separator };
}

/** Go's `nextStdChunk`: the first layout element in `layout`, with the text around it. */
export function nextStdChunk(layout: string): Chunk {
  const has = (i: number, s: string) => layout.startsWith(s, i);
  for (let i = 0; i < layout.length; i++) {
    switch (layout[i]) {
      case "J":
        if (has(i, "Jan")) {
          if (has(i, "January")) return chunk(layout, i, i + 7, Std.LongMonth);
          if (!startsWithLowerCase(layout, i + 3)) return chunk(layout, i, i + 3, Std.Month);
        }
        break;
      case "M":
        if (has(i, "Mon")) {
          if (has(i, "Monday")) return chunk(layout, i, i + 6, Std.LongWeekDay);
          if (!startsWithLowerCase(layout, i + 3)) return chunk(layout, i, i + 3, Std.WeekDay);
        }
        if (has(i, "MST")) return chunk(layout, i, i + 3, Std.TZ);
        break;
      case "0": {
        const c = layout.charCodeAt(i + 1);
        if (c >= 0x31 && c <= 0x36) return chunk(layout, i, i + 2, STD0X[c - 0x31]!);
        if (has(i, "002")) return chunk(layout, i, i + 3, Std.ZeroYearDay);
        break;
      }
      case "1":
        if (has(i, "15")) return chunk(layout, i, i + 2, Std.Hour);
        return chunk(layout, i, i + 1, Std.NumMonth);
      case "2":
        if (has(i, "2006")) return chunk(layout, i, i + 4, Std.LongYear);
        return chunk(layout, i, i + 1, Std.Day);
      case "_":
        if (has(i, "_2")) {
          // "_2006" is a literal "_" followed by the long year.
          if (has(i + 1, "2006")) return chunk(layout, i + 1, i + 5, Std.LongYear);
          return chunk(layout, i, i + 2, Std.UnderDay);
        }
        if (has(i, "__2")) return chunk(layout, i, i + 3, Std.UnderYearDay);
        break;
      case "3":
        return chunk(layout, i, i + 1, Std.Hour12);
      case "4":
        return chunk(layout, i, i + 1, Std.Minute);
      case "5":
        return chunk(layout, i, i + 1, Std.Second);
      case "P":
        if (has(i, "PM")) return chunk(layout, i, i + 2, Std.PM);
        break;
      case "p":
        if (has(i, "pm")) return chunk(layout, i, i + 2, Std.pm);
        break;
      case "-":
        if (has(i, "-070000")) return chunk(layout, i, i + 7, Std.NumSecondsTz);
        if (has(i, "-07:00:00")) return chunk(layout, i, i + 9, Std.NumColonSecondsTZ);
        if (has(i, "-0700")) return chunk(layout, i, i + 5, Std.NumTZ);
        if (has(i, "-07:00")) return chunk(layout, i, i + 6, Std.NumColonTZ);
        if (has(i, "-07")) return chunk(layout, i, i + 3, Std.NumShortTZ);
        break;
      case "Z":
        if (has(i, "Z070000")) return chunk(layout, i, i + 7, Std.ISO8601SecondsTZ);
        if (has(i, "Z07:00:00")) return chunk(layout, i, i + 9, Std.ISO8601ColonSecondsTZ);
        if (has(i, "Z0700")) return chunk(layout, i, i + 5, Std.ISO8601TZ);
        if (has(i, "Z07:00")) return chunk(layout, i, i + 6, Std.ISO8601ColonTZ);
        if (has(i, "Z07")) return chunk(layout, i, i + 3, Std.ISO8601ShortTZ);
        break;
      case ".":
      case ",": {
        const ch = layout[i + 1];
        if (ch === "0" || ch === "9") {
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          // The run of digits must end here: only a fractional second is all digits.
          if (!isDigitAt(layout, j)) {
            return chunk(layout, i, j, ch === "9" ? Std.FracSecond9 : Std.FracSecond0, (j - (i + 1)) & 0xfff, layout[i]!);
          }
        }
        break;
      }
    }
  }
  return { prefix: layout, std: Std.None, text: "", suffix: "", digits: 0, separator: "." };
}

/** Layout tokens, cached: layouts are few and formatted often. */
const chunkCache = new Map<string, readonly Chunk[]>();

export function layoutChunks(layout: string): readonly Chunk[] {
  let chunks = chunkCache.get(layout);
  if (chunks) return chunks;
  const out: Chunk[] = [];
  let rest = layout;
  while (rest !== "") {
    const c = nextStdChunk(rest);
    out.push(c);
    if (c.std === Std.None) break;
    rest = c.suffix;
  }
  chunks = out;
  if (chunkCache.size >= 128) chunkCache.clear();
  chunkCache.set(layout, chunks);
  return chunks;
}
