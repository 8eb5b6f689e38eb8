/**
 * Go's `ast.Number.Int64` (strconv.ParseInt on the number's text): only integer
 * syntax within int64 converts, so `1.5` and `1e9` do not.
 */
import { RNumber, toBigInt, type NumberValue } from "../../../ast/number.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function goInt64(n: NumberValue): bigint | undefined {
  if (n instanceof RNumber && !/^[+-]?[0-9]+$/.test(n.text)) return undefined;
  const b = toBigInt(n);
  if (b === null || b < INT64_MIN || b > INT64_MAX) return undefined;
  return b;
}
