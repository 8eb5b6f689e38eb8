/** Every GraphQL document the adapter sends is valid against GitHub's published schema. */
import t from "tap";
import { parse, validate } from "graphql";
import { QUERIES } from "@regolith/snapshot-github";
import { githubSchema } from "../_lib/github-fake/graphql/schema.js";

const schema = githubSchema();

t.test("the queries validate against @octokit/graphql-schema", async (t) => {
  t.ok(Object.keys(QUERIES).length >= 3);
  for (const [name, query] of Object.entries(QUERIES)) {
    const doc = parse(query);
    t.same(validate(schema, doc).map((e) => e.message), [], name);
    t.match(doc.definitions[0], { kind: "OperationDefinition", name: { value: name } }, `${name} names its operation`);
  }
});

t.test("a query GitHub would reject is caught", async (t) => {
  t.not(validate(schema, parse("query { organization(login: \"x\") { repositories { nodes { noSuchField } } } }")).length, 0);
});
