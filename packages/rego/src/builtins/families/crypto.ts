/** Hashes, HMACs, x509 certificates and keys. */
import type { Builtin } from "../types.js";

export const cryptoBuiltins: readonly Builtin[] = [];
