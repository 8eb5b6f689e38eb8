import { generateCstDts } from "./chevrotain-runtime.js";
import { grammar } from "./grammar.js";

/** The CST type declarations for the grammar, as `generateCstDts` writes them. */
export function cstDtsSource(): string {
  const header = "// Generated from grammar.ts by scripts/generate-cst-dts.mjs. Do not edit.\n";
  return header + generateCstDts(grammar.getGAstProductions(), { visitorInterfaceName: "RegoCstVisitor" });
}
