/**
 * The architecture, enforced (STYLE.md §1.3, §1.4): workspace packages depend only
 * along the allowed edges, and inside packages/rego no phase folder imports against
 * the phase order.
 */
import t from "tap";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "../..");

const ALLOWED: Record<string, readonly string[]> = {
  "@regolith/cli": ["@regolith/gate", "@regolith/rego", "@regolith/bundle", "@regolith/snapshot-github", "@regolith/snapshot-cloudflare"],
  "@regolith/gate": ["@regolith/rego", "@regolith/bundle"],
  "@regolith/rego": [],
  "@regolith/bundle": [],
  "@regolith/snapshot-github": [],
  "@regolith/snapshot-cloudflare": [],
};

const REGO_FOLDERS: Record<string, readonly string[]> = {
  ast: [],
  parse: ["ast"],
  builtins: ["ast"],
  compile: ["ast", "builtins"],
  eval: ["ast", "compile", "builtins"],
  format: ["ast", "parse"],
  tester: ["ast", "parse", "compile", "eval"],
};

function packages(): { dir: string; name: string; deps: string[] }[] {
  return readdirSync(join(root, "packages")).flatMap((dir) => {
    const file = join(root, "packages", dir, "package.json");
    if (!existsSync(file)) return [];
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    return [{ dir, name: pkg.name, deps: Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => d.startsWith("@regolith/")) }];
  });
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^"'`]*?from\s+["']([^"']+)["']/g)].map((m) => m[1]!);
}

t.test("workspace dependencies follow the allowed edges", async (t) => {
  for (const pkg of packages()) {
    const allowed = ALLOWED[pkg.name];
    t.ok(allowed, `${pkg.name} is a known package`);
    for (const dep of pkg.deps) t.ok(allowed?.includes(dep), `${pkg.name} may depend on ${dep}`);
  }
});

t.test("tsconfig references match the package dependencies", async (t) => {
  const byName = new Map(packages().map((p) => [p.name, p.dir]));
  for (const pkg of packages()) {
    const tsconfig = JSON.parse(readFileSync(join(root, "packages", pkg.dir, "tsconfig.json"), "utf8")) as { references?: { path: string }[] };
    const refs = (tsconfig.references ?? []).map((r) => r.path.replace("../", "")).sort();
    t.same(refs, pkg.deps.map((d) => byName.get(d)!).sort(), `${pkg.name} references exactly its workspace dependencies`);
  }
});

t.test("no package reaches into another package's source", async (t) => {
  for (const pkg of packages()) {
    for (const file of tsFiles(join(root, "packages", pkg.dir, "src"))) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith(".") && relative(join(root, "packages", pkg.dir), join(file, "..", spec)).startsWith("..")) {
          t.fail(`${relative(root, file)} imports ${spec}, outside its package`);
        }
        if (/^@regolith\/[^/]+\/(src|dist)\//.test(spec)) t.fail(`${relative(root, file)} imports ${spec}`);
      }
    }
  }
  t.pass("checked");
});

t.test("inside packages/rego, folders import only earlier phases", async (t) => {
  const src = join(root, "packages/rego/src");
  for (const file of tsFiles(src)) {
    const folder = relative(src, file).split("/")[0]!;
    const allowed = REGO_FOLDERS[folder];
    if (!allowed) continue;
    for (const spec of importsOf(file).filter((s) => s.startsWith("."))) {
      const target = relative(src, join(file, "..", spec)).split("/")[0]!;
      if (target === folder || !(target in REGO_FOLDERS)) continue;
      t.ok(allowed.includes(target), `${relative(src, file)} → ${target}`);
    }
  }
});
