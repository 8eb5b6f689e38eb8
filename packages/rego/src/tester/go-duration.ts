/**
 * Durations written as Go's `time.Duration.String()` writes them (`68.875µs`,
 * `1.5ms`, `2s`, `1m30s`), because that is how `opa test` prints test times.
 */
export function goDuration(ns: number): string {
  const n = Math.round(ns);
  if (n === 0) return "0s";
  const sign = n < 0 ? "-" : "";
  const a = Math.abs(n);
  if (a < 1_000) return `${sign}${a}ns`;
  if (a < 1_000_000) return `${sign}${fraction(a, 1_000)}µs`;
  if (a < 1_000_000_000) return `${sign}${fraction(a, 1_000_000)}ms`;
  const hours = Math.floor(a / 3_600_000_000_000);
  const minutes = Math.floor((a % 3_600_000_000_000) / 60_000_000_000);
  const seconds = fraction(a % 60_000_000_000, 1_000_000_000);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** `value / unit` with the fraction's trailing zeros dropped (integer arithmetic, no float noise). */
function fraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value % unit;
  if (rest === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, "0").replace(/0+$/, "")}`;
}
