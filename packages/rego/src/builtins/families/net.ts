/** IP networks: net.cidr_* and net.lookup_ip_addr. */
import type { Builtin } from "../types.js";

export const netBuiltins: readonly Builtin[] = [];
