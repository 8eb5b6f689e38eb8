/** Cloud provider request signing (providers.aws.sign_req). */
import type { Builtin } from "../types.js";

export const providerBuiltins: readonly Builtin[] = [];
