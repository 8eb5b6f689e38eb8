/**
 * OPA's canonical form of structured files. Expected texts are written by hand from
 * OPA's rules (docs "Signature Format"; v1/bundle/hash.go): sorted keys, no
 * whitespace, numbers as written, Go's string escaping without HTML escaping.
 */
import t from "tap";
import { createHash } from "node:crypto";
import { fileDigest } from "@regolith/bundle";

const sha = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");
const digestOf = (text: string, name = "data.json"): string => fileDigest(name, new TextEncoder().encode(text));

t.test("keys are sorted at every level and whitespace does not count", async (t) => {
  const a = '{\n  "b": {"z": 1, "a": [ {"y": true, "x": null} ]},\n  "a": "s"\n}\n';
  t.equal(digestOf(a), sha('{"a":"s","b":{"a":[{"x":null,"y":true}],"z":1}}'));
  t.equal(digestOf('{"a":"s","b":{"z":1,"a":[{"x":null,"y":true}]}}'), digestOf(a), "same data, other layout, same digest");
});

t.test("numbers keep their source text (OPA decodes them as json.Number)", async (t) => {
  t.equal(digestOf('{"n": 1.0, "e": 1E+3, "neg": -0, "big": 12345678901234567890123}'), sha('{"big":12345678901234567890123,"e":1E+3,"n":1.0,"neg":-0}'));
  t.not(digestOf('{"n": 1.0}'), digestOf('{"n": 1}'), "1.0 and 1 hash differently, as in OPA");
});

t.test("strings are escaped as Go's encoder does with SetEscapeHTML(false)", async (t) => {
  const source = '["<a&b>", "q\\"b\\\\", "\\u0001\\b\\f\\n\\r\\t", "\\u2028\\u2029", "\\u00e9\\ud83d\\ude00", "\\/", "\\ud800x"]';
  const expected = '["<a&b>","q\\"b\\\\","\\u0001\\b\\f\\n\\r\\t","\\u2028\\u2029","é😀","/","\uFFFDx"]';
  t.equal(digestOf(source), sha(expected));
});

t.test("keys sort by UTF-8 bytes, and a repeated key keeps its last value", async (t) => {
  // U+FF5E sorts before U+1F600 in UTF-8 but after it in UTF-16 code units.
  t.equal(digestOf('{"😀": 1, "～": 2, "a": 3, "a": 4}'), sha('{"a":4,"～":2,"😀":1}'));
});

t.test("a BOM is dropped and an empty document is null", async (t) => {
  t.equal(digestOf('\uFEFF{"a": 1}'), sha('{"a":1}'));
  t.equal(digestOf("  \n"), sha("null"));
});

t.test("only structured files are canonicalized: .manifest and data.json/data.yaml, not other files", async (t) => {
  const text = '{ "b": 1, "a": 2 }';
  t.equal(digestOf(text, ".manifest"), sha('{"a":2,"b":1}'));
  t.equal(digestOf(text, "x/data.yaml"), sha('{"a":2,"b":1}'));
  t.equal(digestOf(text, "x/other.json"), sha(text), "other .json files are hashed byte for byte");
  t.equal(digestOf(text, "p.rego"), sha(text));
});

t.test("invalid JSON in a structured file is an error naming the file", async (t) => {
  for (const bad of ['{"a": 1,}', '{"a": 01}', "[1 2]", '{"a": "\u0001"}', '{"a": 1} x', "{'a': 1}", '"\\x"', "nul"]) {
    t.throws(() => digestOf(bad, "d/data.json"), { name: "BundleError", message: /^d\/data\.json: not valid JSON/ }, bad);
  }
  t.throws(() => digestOf("a: 1\n", "data.yaml"), { message: /YAML data files are supported only when they are plain JSON/ });
  t.throws(() => fileDigest("data.json", Uint8Array.of(0x7b, 0xff, 0x7d)), { message: /not valid UTF-8/ });
});

t.test("deep nesting does not overflow the stack", async (t) => {
  const depth = 9000;
  t.equal(digestOf("[".repeat(depth) + "]".repeat(depth)), sha("[".repeat(depth) + "]".repeat(depth)));
  t.throws(() => digestOf("[".repeat(10_001) + "]".repeat(10_001)), { message: /nested deeper than 10000/ });
});
