/** Test times print as Go's time.Duration does, as `opa test` prints them. */
import t from "tap";
import { goDuration } from "@regolith/rego";

t.test("each unit, trailing zeros dropped, as Go writes them", async (t) => {
  const cases: [number, string][] = [
    [0, "0s"],
    [999, "999ns"],
    [1_000, "1µs"],
    [68_875, "68.875µs"],
    [1_500_000, "1.5ms"],
    [1_054_240, "1.05424ms"],
    [5_000_000_000, "5s"],
    [2_500_000_001, "2.500000001s"],
    [90_000_000_000, "1m30s"],
    [3_723_000_000_000, "1h2m3s"],
    [-1_500, "-1.5µs"],
  ];
  for (const [ns, text] of cases) t.equal(goDuration(ns), text, `${ns}ns`);
});
