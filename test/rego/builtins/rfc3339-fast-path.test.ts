/**
 * `time.parse_rfc3339_ns` reads common timestamps on a fast path; the general Go
 * layout parser (reached here through `time.parse_ns` with the RFC3339Nano layout)
 * is the oracle. Both must agree on every value, valid or not.
 */
import t from "tap";
import { Engine } from "@regolith/rego";

const query = new Engine({ strictBuiltinErrors: true }).prepare(
  'x := [time.parse_rfc3339_ns(input.s), time.parse_ns("2006-01-02T15:04:05.999999999Z07:00", input.s)]',
);

function both(s: string): { fast: unknown; general: unknown; error?: string } {
  const { results, error } = query.evaluate({ input: { s } });
  const x = results[0]?.bindings["x"] as unknown[] | undefined;
  return { fast: x?.[0], general: x?.[1], ...(error ? { error: error.message } : {}) };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

t.test("random valid timestamps agree", async (t) => {
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  let disagreements = 0;
  for (let i = 0; i < 2000; i++) {
    const year = i % 10 === 0 ? rand(10000) : 1900 + rand(400);
    const month = 1 + rand(12);
    const day = 1 + rand(month === 2 ? 29 : 31);
    const frac = rand(3) === 0 ? "" : "." + String(rand(1e9)).slice(0, 1 + rand(9));
    const zone = rand(3) === 0 ? "Z" : `${rand(2) ? "+" : "-"}${pad(rand(24), 2)}:${pad(rand(60), 2)}`;
    const s = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(rand(24), 2)}:${pad(rand(60), 2)}:${pad(rand(60), 2)}${frac}${zone}`;
    const r = both(s);
    if (r.error === undefined && String(r.fast) !== String(r.general)) {
      disagreements++;
      t.fail(`${s}: fast ${String(r.fast)}, general ${String(r.general)}`);
    }
  }
  t.equal(disagreements, 0);
});

t.test("edge values take the general path and keep its answers", async (t) => {
  t.equal(String(both("2024-02-29T00:00:00Z").fast), "1709164800000000000");
  t.match(both("2023-02-29T00:00:00Z").error, /day out of range/);
  t.match(both("2023-01-01T24:00:00Z").error, /hour out of range/);
  t.match(both("2023-01-01T00:00:00").error, /cannot parse "" as "Z07:00"/);
  t.match(both("2023-01-01 00:00:00Z").error, /cannot parse " 00:00:00Z" as "T"/);
  t.same(both("1970-01-01T00:00:00.5+00:00").fast, 500000000);
  t.same(both("1969-12-31T23:59:59.999999999Z").fast, -1);
  t.match(both("2262-04-12T00:00:00Z").error, /time outside of valid range/);
});
