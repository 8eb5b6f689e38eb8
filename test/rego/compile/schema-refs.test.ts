/** `check --schema`: refs into input checked against the input's JSON Schema. */
import t from "tap";
import { schemaRefErrors, parseModule } from "@regolith/rego";

const schema = {
  type: "object",
  properties: {
    user: { $ref: "#/$defs/user" },
    items: { type: "array", items: { type: "object", properties: { id: { type: "integer" } } } },
    labels: { type: "object", additionalProperties: { type: "object", properties: { color: { type: "string" } } } },
    extra: { type: "object", additionalProperties: true },
    either: { anyOf: [{ type: "object", properties: { a: {} } }, { type: "object", properties: { b: {} } }] },
    free: {},
    bare: { type: "object" },
    named: { type: "object", properties: { a: {} }, additionalProperties: true },
  },
  $defs: { user: { type: "object", properties: { name: { type: "string" }, roles: { type: "array", items: { type: "string" } } } } },
};

function errors(body: string, imports = ""): string[] {
  const m = parseModule(`package p\n${imports}\nallow if {\n${body}\n}\n`, { file: "x.rego" });
  return schemaRefErrors([m], { input: schema }).map((e) => `${e.code}: ${e.message.split("\n")[0]}`);
}

t.test("refs the schema allows pass", async (t) => {
  t.same(errors('\tinput.user.name == "ada"\n\tinput.user.roles[_] == "admin"\n\tinput.items[0].id == 1\n\tsome item in input.items\n\titem.id'), []);
  t.same(errors("\tinput.labels.prod.color\n\tinput.labels[x].color\n\tinput.extra.anything.below\n\tinput.free.a.b.c\n\tinput.either.b"), []);
});

t.test("a key the schema does not have is an undefined ref, with the keys it has", async (t) => {
  t.same(errors("\tinput.user.nmae"), ["rego_type_error: undefined ref: input.user.nmae"]);
  const m = parseModule('package p\nallow if input.user.nmae == "x"\n', { file: "x.rego" });
  const [e] = schemaRefErrors([m], { input: schema });
  t.match(e?.message, /have: "nmae"\n\twant \(one of\): \["name" "roles"\]/);
  t.equal(e?.location?.row, 2);
});

t.test("following $ref, arrays, additionalProperties schemas and anyOf", async (t) => {
  t.same(errors("\tinput.items[0].name"), ["rego_type_error: undefined ref: input.items[0].name"]);
  t.same(errors("\tinput.items.first"), ["rego_type_error: undefined ref: input.items.first"]);
  t.same(errors("\tinput.labels.prod.size"), ["rego_type_error: undefined ref: input.labels.prod.size"]);
  t.same(errors("\tinput.either.c"), ["rego_type_error: undefined ref: input.either.c"]);
  t.same(errors("\tinput.user.name.first"), ["rego_type_error: undefined ref: input.user.name.first"]);
});

t.test("object schemas as OPA types them: naming no properties opens, additionalProperties: true does not", async (t) => {
  t.same(errors("\tinput.bare.anything.below"), []);
  t.same(errors("\tinput.named.a.x\n\tinput.named.b"), ["rego_type_error: undefined ref: input.named.b"]);
});

t.test("an import of part of input is checked through its alias", async (t) => {
  t.same(errors("\tu.name\n\tu.age", "import input.user as u"), ["rego_type_error: undefined ref: input.user.age"]);
});

t.test("variables bound from input carry its schema: some … in, every, :=, =, comprehensions", async (t) => {
  t.same(errors("\tsome u in input.items\n\tu.idd"), ["rego_type_error: undefined ref: u.idd"]);
  t.same(errors("\tevery u in input.items { u.idd }"), ["rego_type_error: undefined ref: u.idd"]);
  t.same(errors("\tuser := input.user\n\tuser.nmae"), ["rego_type_error: undefined ref: user.nmae"]);
  t.same(errors("\tids := [i.idd | some i in input.items]\n\tcount(ids) > 0"), ["rego_type_error: undefined ref: i.idd"]);
  t.same(errors("\tsome k, l in input.labels\n\tl.size"), ["rego_type_error: undefined ref: l.size"]);
  t.same(errors("\tsome u in input.items\n\tu.id == 1\n\tu := 3"), [], "a variable is checked by what it holds where it is read");
  t.same(errors("\tuser = input.user\n\tuser.nmae"), ["rego_type_error: undefined ref: user.nmae"], "unification binds as := does");
  t.same(errors("\tinput.user = user\n\tuser.nmae"), ["rego_type_error: undefined ref: user.nmae"], "either side");
  t.same(errors("\tsome u in input.items\n\tu = input.user\n\tu.idd"), ["rego_type_error: undefined ref: u.idd"], "a variable already known keeps its schema");
});

t.test("$refs reach other schemas by $id; constraint-only branches do not open an object", async (t) => {
  const repo = {
    $id: "https://example.com/repo.json",
    $defs: { repo: { type: "object", additionalProperties: false, properties: { name: { type: "string" }, visibility: { type: "string" } }, allOf: [{ if: { properties: { visibility: { const: "x" } } }, then: { required: ["name"] } }] } },
    type: "object",
    properties: { repos: { type: "array", items: { $ref: "#/$defs/repo" } } },
  };
  const input = { type: "object", properties: { github: { type: "array", items: { $ref: "https://example.com/repo.json" } } } };
  const m = parseModule('package p\nallow if {\n\tsome doc in input.github\n\tsome r in doc.repos\n\tr.visibilty == "public"\n\tr.name\n}\n', { file: "x.rego" });
  t.same(schemaRefErrors([m], { input, others: [repo] }).map((e) => e.message.split("\n")[0]), ["undefined ref: r.visibilty"]);
  t.same(schemaRefErrors([m], { input }).map((e) => e.message), [], "a $ref to a schema not given is not followed");
});

t.test("METADATA schemas annotations set a rule's schemas: input, parts of data, named or written in place", async (t) => {
  const named = new Map<string, unknown>([
    ["schema.user", { type: "object", properties: { name: { type: "string" } }, additionalProperties: false }],
    ["schema.roles", { type: "object", additionalProperties: { type: "object", properties: { level: { type: "number" } }, additionalProperties: false } }],
  ]);
  const source = `package p

# METADATA
# schemas:
#   - input: schema.user
#   - data.roles: schema.roles
allow if {
	input.nmae == "ada"
	data.roles.admin.levl > 1
}

# METADATA
# schemas:
#   - input: {type: object, properties: {id: {type: string}}, additionalProperties: false}
other if input.idd

unannotated if input.anything
`;
  const m = parseModule(source, { file: "x.rego" });
  t.same(
    schemaRefErrors([m], { named }).map((e) => `${e.location?.row}: ${e.message.split("\n")[0]}`),
    ["8: undefined ref: input.nmae", "9: undefined ref: data.roles.admin.levl", "15: undefined ref: input.idd"],
  );
  const missing = parseModule("package p\n\n# METADATA\n# schemas:\n#   - input: schema.nope\nallow if input.x\n", { file: "x.rego" });
  t.same(schemaRefErrors([missing], { named }).map((e) => e.message), ["undefined schema: schema.nope"]);
  const pkgMissing = parseModule("# METADATA\n# schemas:\n#   - input: schema.nope\npackage p\n\na if input.x\n\nb if input.y\n", { file: "x.rego" });
  t.same(schemaRefErrors([pkgMissing], { named }).map((e) => e.message), ["undefined schema: schema.nope"], "a package's annotation is reported once, not per rule");
});

t.test("annotations reach the rules of their scope in every module: package, subpackages, document", async (t) => {
  const named = new Map<string, unknown>([["schema.user", { type: "object", properties: { name: { type: "string" } } }]]);
  const modules = [
    parseModule("# METADATA\n# scope: subpackages\n# schemas:\n#   - input: schema.user\npackage a\n", { file: "a.rego" }),
    parseModule("package a.b\n\np if input.nmae\n", { file: "b.rego" }),
    parseModule("package c\n\n# METADATA\n# scope: document\n# schemas:\n#   - input: schema.user\nq if input.name\n", { file: "c1.rego" }),
    parseModule("package c\n\nq if input.nmae\n\nr if input.nmae\n", { file: "c2.rego" }),
  ];
  t.same(
    schemaRefErrors(modules, { named }).map((e) => `${e.location?.file}:${e.location?.row}: ${e.message.split("\n")[0]}`),
    ["b.rego:3: undefined ref: input.nmae", "c2.rego:3: undefined ref: input.nmae"],
  );
});

t.test("an annotation can name a schema with brackets and put one below input, as OPA overrides a prefix", async (t) => {
  const named = new Map<string, unknown>([
    ["schema.acl-schema", { type: "object", properties: { alice: { type: "array" }, bob: { type: "array" } } }],
    ["schema.user", { type: "object", properties: { user: { type: "string" } } }],
  ]);
  const check = (annotation: string, body: string): string[] => {
    const m = parseModule(`package p\n\n# METADATA\n# schemas:\n${annotation}\nallow if {\n${body}\n}\n`, { file: "x.rego" });
    return schemaRefErrors([m], { named }).map((e) => e.message);
  };
  // The whole ref is shown, with the caret under the key the schema lacks.
  t.same(check('#   - input.request.object: schema["acl-schema"]', "\tinput.request.object.spec.containers[_].image\n\tinput.request.kind\n\tinput.request.object.alice"), [
    'undefined ref: input.request.object.spec.containers[_].image\n\tinput.request.object.spec.containers[_].image\n\t                     ^\n\thave: "spec"\n\twant (one of): ["alice" "bob"]',
  ], "without a schema of input, only the overridden part is checked");
  t.same(check("#   - input: schema.user\n#   - input.apple.orange: schema.user", "\tinput.user\n\tinput.apple.orange.user\n\tinput.apple.banana\n\tinput.nope").map((m) => m.split("\n")[0]), [
    "undefined ref: input.apple.banana",
    "undefined ref: input.nope",
  ], "with one, the new keys join it and nothing else opens");
  t.same(check('#   - input: schema.user\n#   - input.user: schema["acl-schema"]', "\tinput.user.alice\n\tinput.user.carol").map((m) => m.split("\n")[0]), ["undefined ref: input.user.carol"], "a key's schema is replaced");
});
