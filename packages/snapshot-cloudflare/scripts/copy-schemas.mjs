// Copies the schemas this package validates against from the repository's
// schemas/ (the single source of truth) into dist/schemas/, read at run time via
// import.meta.url. A test asserts the copies equal the sources.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(pkg, "../..");
const SCHEMAS = ["cloudflare-snapshot.schema.json"];

mkdirSync(join(pkg, "dist/schemas"), { recursive: true });
for (const name of SCHEMAS) copyFileSync(join(root, "schemas", name), join(pkg, "dist/schemas", name));
