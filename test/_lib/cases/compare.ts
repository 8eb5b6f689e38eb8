/**
 * Result-set comparison as OPA's runner does it (CONFORMANCE.md §3.4-3.5): rows as a
 * set, values by Rego equality, `sort_bindings` sorting top-level arrays with OPA's
 * `util.Compare` (which ranks an integer below a non-integer whatever their values).
 */
import { RNumber, canonical, isObject, type Value } from "@regolith/rego";

function isInt(v: Value): boolean {
  return typeof v === "number" ? Number.isInteger(v) : v instanceof RNumber ? !/[.eE]/.test(v.text) : false;
}

function kind(v: Value): number {
  if (v === null) return 0;
  if (typeof v === "boolean") return 1;
  if (typeof v === "number" || v instanceof RNumber) return 2;
  if (typeof v === "string") return 3;
  if (Array.isArray(v)) return 4;
  return 5;
}

/** OPA's `util.Compare` on JSON values. */
export function utilCompare(a: Value, b: Value): number {
  const ka = kind(a);
  const kb = kind(b);
  if (ka !== kb) return ka - kb;
  switch (ka) {
    case 0:
      return 0;
    case 1:
      return a === b ? 0 : a ? 1 : -1;
    case 2: {
      const ia = isInt(a);
      const ib = isInt(b);
      if (ia && !ib) return -1;
      if (!ia && ib) return 1;
      const x = Number(a instanceof RNumber ? a.text : a);
      const y = Number(b instanceof RNumber ? b.text : b);
      if (ia && ib && a instanceof RNumber !== b instanceof RNumber) {
        const bx = BigInt(a instanceof RNumber ? a.text : (a as number));
        const by = BigInt(b instanceof RNumber ? b.text : (b as number));
        return bx < by ? -1 : bx > by ? 1 : 0;
      }
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 4: {
      const x = a as readonly Value[];
      const y = b as readonly Value[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = utilCompare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    default: {
      if (!isObject(a) || !isObject(b)) return 0;
      const x = a as Record<string, Value>;
      const y = b as Record<string, Value>;
      const kx = Object.keys(x).sort();
      const ky = Object.keys(y).sort();
      for (let i = 0; i < Math.min(kx.length, ky.length); i++) {
        if (kx[i] !== ky[i]) return kx[i]! < ky[i]! ? -1 : 1;
        const c = utilCompare(x[kx[i]!]!, y[ky[i]!]!);
        if (c !== 0) return c;
      }
      return kx.length - ky.length;
    }
  }
}

export interface RowOptions {
  readonly sortBindings: boolean;
  readonly ignoreGeneratedVars: boolean;
}

export function normalizeRow(row: Readonly<Record<string, Value>>, options: RowOptions): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(row)) {
    if (options.ignoreGeneratedVars && k.startsWith("__localq")) continue;
    out[k] = options.sortBindings && Array.isArray(v) ? [...v].sort(utilCompare) : v;
  }
  return out;
}

/** Set equality of rows under Rego value equality. */
export function sameRows(actual: readonly Record<string, Value>[], expected: readonly Record<string, Value>[]): boolean {
  const a = new Set(actual.map((r) => canonical(r)));
  const e = new Set(expected.map((r) => canonical(r)));
  if (a.size !== e.size) return false;
  for (const x of a) if (!e.has(x)) return false;
  return true;
}
