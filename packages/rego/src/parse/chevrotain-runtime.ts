/**
 * chevrotain's runtime, loaded from the single-file build its package ships
 * (`lib/chevrotain.mjs`, the same version as the package's modules).
 *
 * Why: the package's module entry imports lodash-es as some 650 separate ES modules,
 * and loading them takes about 0.25 s, paid by every `regolith` start. The bundled
 * build loads in about 20 ms. Its path is not in the package's `exports`, so it is
 * found next to the resolved entry; if a later layout moves it, the package entry is
 * used and only the start-up is slower.
 *
 * Every runtime use of chevrotain goes through here: token types such as `EOF` must
 * come from the same copy the parser was built with. Types still come from the
 * package (`import type … from "chevrotain"`).
 */
import { existsSync } from "node:fs";
import type * as Chevrotain from "chevrotain";

async function load(): Promise<typeof Chevrotain> {
  const bundled = new URL("../chevrotain.mjs", import.meta.resolve("chevrotain"));
  if (!existsSync(bundled)) return await import("chevrotain");
  return (await import(bundled.href)) as typeof Chevrotain;
}

const chevrotain = await load();

export const { createToken, Lexer, CstParser, EOF, generateCstDts, VERSION } = chevrotain;
