/**
 * The parser runs on chevrotain's single-file build (start-up: one module instead of
 * lodash-es's hundreds); it must be that build, and the same version as the package.
 */
import t from "tap";
import * as pkg from "chevrotain";
import * as runtime from "../../../packages/rego/dist/parse/chevrotain-runtime.js";

t.test("the runtime is the package's bundled build, at the package's version", async (t) => {
  t.equal(runtime.VERSION, pkg.VERSION);
  t.not(runtime.CstParser, pkg.CstParser, "a distinct copy: the bundled file, not the module entry");
});
