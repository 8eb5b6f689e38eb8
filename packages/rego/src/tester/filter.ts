/**
 * `--run REGEX`: which tests run, by full name (`data.pkg.test_x`). The pattern has
 * RE2 syntax and is unanchored, as Go's `regexp.MatchString` in `opa test`.
 */
import { RE2JS } from "re2js";

export class TestFilterError extends Error {
  constructor(pattern: string, reason: string) {
    super(`invalid test name pattern ${JSON.stringify(pattern)}: ${reason}`);
    this.name = "TestFilterError";
  }
}

/** A predicate on full test names; throws `TestFilterError` for a bad pattern. */
export function testNameFilter(pattern: string): (fullName: string) => boolean {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    throw new TestFilterError(pattern, e instanceof Error ? e.message : String(e));
  }
  return (name) => re.matcher(name).find();
}
