/**
 * Archive entry names, through readBundleArchive: which names become bundle paths,
 * which are refused and why, and the order files come back in.
 */
import t from "tap";
import { readBundleArchive } from "@regolith/bundle";
import { archiveOf, tarGz } from "../_lib/bundle-archive.js";

const pathsOf = (files: Record<string, string>): string[] => readBundleArchive(archiveOf(files), "b.tar.gz").files.map((f) => f.path);

t.test("plain, OPA-style ('/x') and tar -C style ('./x') names map to bundle paths", async (t) => {
  t.same(pathsOf({ "a/b.rego": "package a" }), ["a/b.rego"]);
  t.same(pathsOf({ "/data.json": "{}" }), ["data.json"], "opa build writes a leading slash, meaning the bundle root");
  t.same(pathsOf({ "./x/.manifest": "{}" }), ["x/.manifest"]);
  const withDirs = tarGz([{ name: "./", type: "Directory" }, { name: "/roles/", type: "Directory" }, { name: "/roles/data.json", body: "{}" }]);
  t.same(readBundleArchive(withDirs, "b").files.map((f) => f.path), ["roles/data.json"], "directory entries are accepted and not files");
});

t.test("names that could mean another place are refused, each with its reason", async (t) => {
  const cases: [string, RegExp][] = [
    ["../evil.rego", /escapes the bundle/],
    ["a/../../evil.rego", /escapes the bundle/],
    ["/../evil.rego", /escapes the bundle/],
    ["//etc/passwd", /absolute path outside the bundle/],
    ["C:/evil.rego", /absolute Windows path/],
    ["c:evil.rego", /absolute Windows path/],
    ["\\\\server\\share\\x.rego", /backslash/],
    ["a\\..\\evil.rego", /backslash/],
    ["a//b.rego", /empty or '\.' segment/],
    ["a/./b.rego", /empty or '\.' segment/],
  ];
  for (const [name, why] of cases) {
    t.throws(() => readBundleArchive(archiveOf({ "ok.rego": "package ok", [name]: "package evil" }), "evil.tar.gz"), { name: "BundleError", message: why }, JSON.stringify(name));
  }
  t.throws(() => readBundleArchive(tarGz([{ name: "../up/", type: "Directory" }]), "d"), { message: /escapes the bundle/ }, "directory names are checked too");
  t.throws(() => readBundleArchive(tarGz([{ name: ".", body: "package p" }]), "d"), { message: `d: ".": path has an empty or '.' segment` }, "a file entry needs a name");
});

t.test("the same path twice (even spelled differently) is refused", async (t) => {
  t.throws(() => readBundleArchive(archiveOf({ "/p.rego": "package a", "./p.rego": "package b" }), "dup.tar.gz"), { message: "dup.tar.gz: p.rego: appears more than once in the bundle" });
});

t.test("files come back sorted by UTF-8 bytes", async (t) => {
  t.same(pathsOf({ b: "", "😀": "", "～": "", ".manifest": "{}", B: "" }), [".manifest", "B", "b", "～", "😀"]);
});
