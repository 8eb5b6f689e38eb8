/** Digest algorithms: OPA's names, and MD5/SHA-1 refused. */
import t from "tap";
import { createHash } from "node:crypto";
import { fileDigest } from "@regolith/bundle";

const bytes = new TextEncoder().encode("package p\n");

t.test("SHA-256 by default; OPA's other SHA-2 names work", async (t) => {
  t.equal(fileDigest("p.rego", bytes), createHash("sha256").update(bytes).digest("hex"));
  for (const [opa, node] of [["SHA-224", "sha224"], ["SHA-384", "sha384"], ["SHA-512", "sha512"], ["SHA-512-224", "sha512-224"], ["SHA-512-256", "sha512-256"]] as const) {
    t.equal(fileDigest("p.rego", bytes, opa), createHash(node).update(bytes).digest("hex"), opa);
  }
});

t.test("MD5 and SHA-1 are refused as too weak; unknown names are refused", async (t) => {
  t.throws(() => fileDigest("p.rego", bytes, "MD5"), { name: "BundleError", message: "p.rego: MD5 is too weak to trust (use SHA-256)" });
  t.throws(() => fileDigest("p.rego", bytes, "SHA-1"), { message: /SHA-1 is too weak/ });
  t.throws(() => fileDigest("p.rego", bytes, "SHA256"), { message: /SHA256 is not a supported digest algorithm/ });
});

t.test("structured files are hashed in canonical form; their JSON must be valid", async (t) => {
  const canonical = createHash("sha256").update('{"a":[1,2],"b":"x"}').digest("hex");
  for (const name of ["data.json", "a/b/data.json", ".manifest", "data.yaml", "x/signatures.json"]) {
    t.equal(fileDigest(name, new TextEncoder().encode('{ "b": "x",\n  "a": [1, 2] }')), canonical, name);
  }
  t.throws(() => fileDigest("d/data.json", new TextEncoder().encode("{")), { name: "BundleError", message: /^d\/data\.json: not valid JSON: expected a string key at offset 1$/ });
  t.throws(() => fileDigest("data.yaml", new TextEncoder().encode("a: 1")), { message: /YAML data files are supported only when they are plain JSON/ });
  t.throws(() => fileDigest("data.json", Uint8Array.of(0x22, 0xc3, 0x22)), { message: "data.json: not valid UTF-8" });
});
