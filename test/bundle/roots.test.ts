/**
 * Manifest roots (OPA: "Multiple Sources of Policy and Data"): packages and data
 * inside the roots, roots not overlapping within a bundle, and no two bundles
 * claiming overlapping roots.
 */
import t from "tap";
import { overlapProblems, readBundleArchive, rootProblems, type Bundle } from "@regolith/bundle";
import { archiveOf } from "../_lib/bundle-archive.js";

const bundle = (name: string, files: Record<string, string>): Bundle => readBundleArchive(archiveOf(files), name);

t.test("packages inside the roots pass; one outside is named with its file", async (t) => {
  const b = bundle("acme.tar.gz", { ".manifest": '{"roots": ["acme/policy", "acme/oncall"]}' });
  const packages = new Map<string, readonly string[]>([
    ["policy.rego", ["acme", "policy"]],
    ["deep.rego", ["acme", "policy", "deep", "er"]],
    ["top.rego", ["acme"]],
    ["other.rego", ["acme", "other"]],
  ]);
  t.same(rootProblems(b, packages), [
    'acme.tar.gz: other.rego: package acme.other is outside the manifest roots ["acme/policy", "acme/oncall"]',
    'acme.tar.gz: top.rego: package acme is outside the manifest roots ["acme/policy", "acme/oncall"]',
  ]);
});

t.test("data must lie under the roots, key by key; a data file's directory is part of its path", async (t) => {
  const b = bundle("d.tar.gz", {
    ".manifest": '{"roots": ["/acme/params/", "roles"]}',
    "data.json": '{"acme": {"params": {"x": 1}, "leak": 2}, "roles": [1], "other": {}}',
    "roles/bindings/data.json": '{"a": 1}',
    "acme/data.json": '{"params": {"y": 1}}',
    "stray/data.json": '{"a": 1}',
    "x/data.yaml": "a: 1",
    "roles/data.yaml": "a: 1",
    "acme/params/other.json": "not data, not checked",
  });
  const roots = '["acme/params", "roles"]';
  t.same(rootProblems(b, new Map()), [
    `d.tar.gz: data.json: data at /acme/leak is outside the manifest roots ${roots}`,
    `d.tar.gz: data.json: data at /other is outside the manifest roots ${roots}`,
    `d.tar.gz: stray/data.json: data at /stray is outside the manifest roots ${roots}`,
    `d.tar.gz: x/data.yaml: data at /x may lie outside the manifest roots ${roots} (YAML data is not checked key by key)`,
  ]);
  t.same(rootProblems(bundle("n", { "data.json": "[1]" }), new Map()), [], "a bundle without roots owns all of data");
  t.same(rootProblems(bundle("bad", { ".manifest": '{"roots": ["a"]}', "a/data.json": "{" }), new Map()), ["bad: a/data.json: not valid JSON"]);
});

t.test("roots of one manifest must not overlap", async (t) => {
  t.same(rootProblems(bundle("o", { ".manifest": '{"roots": ["a", "a/b", "c", "cd"]}' }), new Map()), ['o: .manifest: roots "a" and "a/b" overlap']);
  t.same(rootProblems(bundle("o", { ".manifest": '{"roots": ["", "x"]}' }), new Map()), ['o: .manifest: roots "" (all of data) and "x" overlap']);
});

t.test("two bundles may not claim overlapping roots", async (t) => {
  const a = bundle("a.tar.gz", { ".manifest": '{"roots": ["acme"]}' });
  const b = bundle("b.tar.gz", { ".manifest": '{"roots": ["acme/policy", "zeta"]}' });
  const c = bundle("c.tar.gz", { ".manifest": '{"roots": ["other", "acmex"]}' });
  const all = bundle("all.tar.gz", { "p.rego": "package p" });
  t.same(overlapProblems([a, c]), [], "acme and acmex are different roots");
  t.same(overlapProblems([a, b, c]), ['bundles a.tar.gz and b.tar.gz overlap: root "acme" of a.tar.gz and root "acme/policy" of b.tar.gz']);
  t.same(overlapProblems([c, all]), [
    'bundles c.tar.gz and all.tar.gz overlap: root "other" of c.tar.gz and root "" (all of data) of all.tar.gz',
    'bundles c.tar.gz and all.tar.gz overlap: root "acmex" of c.tar.gz and root "" (all of data) of all.tar.gz',
  ]);
  t.same(overlapProblems([a]), []);
});
