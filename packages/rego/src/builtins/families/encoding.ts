/** Encodings: base64, hex, URL query strings, URIs. */
import type { Builtin } from "../types.js";

export const encodingBuiltins: readonly Builtin[] = [];
