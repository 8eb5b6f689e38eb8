/** Time: parsing, formatting and arithmetic on nanosecond timestamps. */
import { isNumber, numberFromBigInt, toBigInt, type NumberValue } from "../../ast/number.js";
import type { Value } from "../../ast/value.js";
import { BuiltinError, OperandError, string } from "../operands.js";
import { LONG_DAY_NAMES, daysIn } from "../support/gotime/civil.js";
import { DurationError, parseDuration } from "../support/gotime/duration.js";
import { formatTime } from "../support/gotime/format.js";
import { NAMED_LAYOUTS, RFC3339, RFC3339_NANO } from "../support/gotime/layout.js";
import { TimeParseError, parseTime } from "../support/gotime/parse.js";
import { parseRFC3339Common } from "../support/gotime/rfc3339.js";
import { MAX_INT64, MIN_INT64, addDate, compareTimes, fieldsOf, fromUnixNano, inZone, unixNano, weekday, type GoTime } from "../support/gotime/time.js";
import { UTC, ZoneError, loadLocation, localZone, type Zone } from "../support/gotime/zone.js";
import { defineBuiltin, t, type Builtin } from "../types.js";

const TZ_EXPECTED = "either number (ns) or [number (ns), string (tz)]";

/** A timestamp argument: nanoseconds, `[ns, tz]` or `[ns, tz, layout]` (OPA's `tzTime`). */
interface TzTime {
  readonly time: GoTime;
  readonly layout: string;
}

function nsOperand(v: Value): NumberValue {
  if (!isNumber(v)) throw OperandError.type(1, v, "number");
  return v;
}

function tzTime(v: Value): TzTime {
  let n: NumberValue;
  let zone: Zone = UTC;
  let layout = "";
  if (Array.isArray(v)) {
    const a = v as readonly Value[];
    if (a.length === 0) throw OperandError.type(1, v, TZ_EXPECTED);
    n = nsOperand(a[0]!);
    if (a.length > 1) {
      const tz = a[1]!;
      if (typeof tz !== "string") throw OperandError.type(1, tz, "string");
      try {
        zone = loadLocation(tz);
      } catch (e) {
        if (e instanceof ZoneError) throw new BuiltinError(e.message);
        throw e;
      }
    }
    if (a.length > 2) {
      const l = a[2]!;
      if (typeof l !== "string") throw OperandError.type(1, l, "string");
      layout = l;
    }
  } else if (isNumber(v)) {
    n = v;
  } else {
    throw OperandError.type(1, v, TZ_EXPECTED);
  }
  const ns = toBigInt(n);
  if (ns === null || ns < MIN_INT64 || ns > MAX_INT64) throw new BuiltinError("timestamp too big");
  return { time: fromUnixNano(ns, zone), layout };
}

/**
 * OPA's `IntOperand`: an integer written as one (Go's `strconv.ParseInt` on the
 * number's text, so `1.0` and `1e3` are refused) that fits an int64.
 */
function intOperand(args: readonly Value[], pos: number): number {
  const v = args[pos - 1]!;
  if (!isNumber(v)) throw OperandError.type(pos, v, "number");
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  const text = typeof v === "number" ? "" : v.text;
  if (/^[+-]?[0-9]+$/.test(text)) {
    const b = BigInt(text);
    if (b >= MIN_INT64 && b <= MAX_INT64) return Number(b);
  }
  throw new OperandError(`operand ${pos} must be integer number but got floating-point number`);
}

/** OPA's `toSafeUnixNano`: the time as an exact number, if an int64 holds it. */
function safeUnixNano(time: GoTime): Value {
  const ns = unixNano(time);
  if (ns === undefined) throw new BuiltinError("time outside of valid range");
  return numberFromBigInt(ns);
}

function parse(layout: string, value: string): Value {
  if (layout === RFC3339) {
    const common = parseRFC3339Common(value);
    if (common) return safeUnixNano({ ...common, zone: UTC });
  }
  try {
    return safeUnixNano(parseTime(layout, value, localZone()));
  } catch (e) {
    if (e instanceof TimeParseError) throw new BuiltinError(e.message);
    throw e;
  }
}

/** `time.diff`: calendar difference, both times read in the first one's zone (icza/gox's algorithm). */
function diff(a: GoTime, b: GoTime): number[] {
  let t1 = a;
  let t2 = inZone(b, a.zone);
  if (compareTimes(t1, t2) > 0) [t1, t2] = [t2, t1];
  const f1 = fieldsOf(t1);
  const f2 = fieldsOf(t2);
  let year = f2.year - f1.year;
  let month = f2.month - f1.month;
  let day = f2.day - f1.day;
  let hour = f2.hour - f1.hour;
  let min = f2.minute - f1.minute;
  let sec = f2.second - f1.second;
  if (sec < 0) {
    sec += 60;
    min--;
  }
  if (min < 0) {
    min += 60;
    hour--;
  }
  if (hour < 0) {
    hour += 24;
    day--;
  }
  if (day < 0) {
    day += daysIn(f1.month, f1.year);
    month--;
  }
  if (month < 0) {
    month += 12;
    year--;
  }
  return [year, month, day, hour, min, sec];
}

const tzArg = (description: string) => ({
  name: "x",
  type: t.anyOf(t.number, t.array(t.anyOf(t.number, t.string))),
  description,
});
const TZ_DESCRIPTION = "a number representing the nanoseconds since the epoch (UTC); or a two-element array of the nanoseconds, and a timezone string";

export const timeBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "time.now_ns",
    args: [],
    result: { name: "now", type: t.number, description: "nanoseconds since epoch" },
    categories: [],
    description: "Returns the current time since epoch in nanoseconds.",
    nondeterministic: true,
    impl: (_args, ctx) => numberFromBigInt(ctx.nowNs),
  }),
  defineBuiltin({
    name: "time.parse_ns",
    args: [
      {
        name: "layout",
        type: t.string,
        description: "format used for parsing, see the [Go `time` package documentation](https://golang.org/pkg/time/#Parse) for more details",
      },
      { name: "value", type: t.string, description: "input to parse according to `layout`" },
    ],
    result: { name: "ns", type: t.number, description: "`value` in nanoseconds since epoch" },
    categories: [],
    description:
      "Returns the time in nanoseconds parsed from the string in the given format. `undefined` if the result would be outside the valid time range that can fit within an `int64`.",
    impl: (args) => {
      const layout = string(args, 1);
      const value = string(args, 2);
      return parse(NAMED_LAYOUTS[layout] ?? layout, value);
    },
  }),
  defineBuiltin({
    name: "time.parse_rfc3339_ns",
    args: [{ name: "value", type: t.string, description: "input string to parse in RFC3339 format" }],
    result: { name: "ns", type: t.number, description: "`value` in nanoseconds since epoch" },
    categories: [],
    description:
      "Returns the time in nanoseconds parsed from the string in RFC3339 format. `undefined` if the result would be outside the valid time range that can fit within an `int64`.",
    impl: (args) => parse(RFC3339, string(args, 1)),
  }),
  defineBuiltin({
    name: "time.parse_duration_ns",
    args: [
      {
        name: "duration",
        type: t.string,
        description:
          'a duration like "3m"; see the [OPA `Duration Parsing` documentation](https://www.openpolicyagent.org/docs/latest/policy-reference/builtins/time#duration-parsing) for more details',
      },
    ],
    result: { name: "ns", type: t.number, description: "the `duration` in nanoseconds" },
    categories: [],
    description: "Returns the duration in nanoseconds represented by a string.",
    impl: (args) => {
      const s = string(args, 1);
      try {
        return numberFromBigInt(parseDuration(s));
      } catch (e) {
        if (e instanceof DurationError) throw new BuiltinError(e.message);
        throw e;
      }
    },
  }),
  defineBuiltin({
    name: "time.format",
    args: [
      {
        name: "x",
        type: t.anyOf(t.number, t.array(t.anyOf(t.number, t.string))),
        description:
          "a number representing the nanoseconds since the epoch (UTC); or a two-element array of the nanoseconds, and a timezone string; or a three-element array of ns, timezone string and a layout string or golang defined formatting constant (see golang supported time formats)",
      },
    ],
    result: {
      name: "formatted timestamp",
      type: t.string,
      description: "the formatted timestamp represented for the nanoseconds since the epoch in the supplied timezone (or UTC)",
    },
    categories: [],
    description: "Returns the formatted timestamp for the nanoseconds since epoch.",
    impl: (args) => {
      const { time, layout } = tzTime(args[0]!);
      return formatTime(time, layout === "" ? RFC3339_NANO : (NAMED_LAYOUTS[layout] ?? layout));
    },
  }),
  defineBuiltin({
    name: "time.date",
    args: [tzArg(TZ_DESCRIPTION)],
    result: { name: "date", type: t.array(t.number), description: "an array of `year`, `month` (1-12), and `day` (1-31)" },
    categories: [],
    description: "Returns the `[year, month, day]` for the nanoseconds since epoch.",
    impl: (args) => {
      const f = fieldsOf(tzTime(args[0]!).time);
      return [f.year, f.month, f.day];
    },
  }),
  defineBuiltin({
    name: "time.clock",
    args: [tzArg(TZ_DESCRIPTION)],
    result: {
      name: "output",
      type: t.array(t.number),
      description:
        "the `hour`, `minute` (0-59), and `second` (0-59) representing the time of day for the nanoseconds since epoch in the supplied timezone (or UTC)",
    },
    categories: [],
    description: "Returns the `[hour, minute, second]` of the day for the nanoseconds since epoch.",
    impl: (args) => {
      const f = fieldsOf(tzTime(args[0]!).time);
      return [f.hour, f.minute, f.second];
    },
  }),
  defineBuiltin({
    name: "time.weekday",
    args: [tzArg(TZ_DESCRIPTION)],
    result: {
      name: "day",
      type: t.string,
      description: "the weekday represented by `ns` nanoseconds since the epoch in the supplied timezone (or UTC)",
    },
    categories: [],
    description: "Returns the day of the week (Monday, Tuesday, ...) for the nanoseconds since epoch.",
    impl: (args) => LONG_DAY_NAMES[weekday(fieldsOf(tzTime(args[0]!).time))]!,
  }),
  defineBuiltin({
    name: "time.add_date",
    args: [
      { name: "ns", type: t.number, description: "nanoseconds since the epoch" },
      { name: "years", type: t.number, description: "number of years to add" },
      { name: "months", type: t.number, description: "number of months to add" },
      { name: "days", type: t.number, description: "number of days to add" },
    ],
    result: {
      name: "output",
      type: t.number,
      description: "nanoseconds since the epoch representing the input time, with years, months and days added",
    },
    categories: [],
    description:
      "Returns the nanoseconds since epoch after adding years, months and days to nanoseconds. Month & day values outside their usual ranges after the operation and will be normalized - for example, October 32 would become November 1. `undefined` if the result would be outside the valid time range that can fit within an `int64`.",
    impl: (args) => {
      const { time } = tzTime(args[0]!);
      return safeUnixNano(addDate(time, intOperand(args, 2), intOperand(args, 3), intOperand(args, 4)));
    },
  }),
  defineBuiltin({
    name: "time.diff",
    args: [
      {
        name: "ns1",
        type: t.anyOf(t.number, t.array(t.anyOf(t.number, t.string))),
        description: "nanoseconds since the epoch; or a two-element array of the nanoseconds, and a timezone string",
      },
      {
        name: "ns2",
        type: t.anyOf(t.number, t.array(t.anyOf(t.number, t.string))),
        description: "nanoseconds since the epoch; or a two-element array of the nanoseconds, and a timezone string",
      },
    ],
    result: {
      name: "output",
      type: t.array(t.number),
      description:
        "difference between `ns1` and `ns2` (in their supplied timezones, if supplied, or UTC) as array of numbers: `[years, months, days, hours, minutes, seconds]`",
    },
    categories: [],
    description: "Returns the difference between two unix timestamps in nanoseconds (with optional timezone strings).",
    impl: (args) => diff(tzTime(args[0]!).time, tzTime(args[1]!).time),
  }),
];
