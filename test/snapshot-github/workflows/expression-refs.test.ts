/** Reading secret, variable and context references from expressions. */
import t from "tap";
import { readExpressionRefs } from "@regolith/snapshot-github";

t.test("static secret references", async (t) => {
  t.same(readExpressionRefs("secrets.OPENAI_API_KEY").secrets, [{ name: "OPENAI_API_KEY", dynamic: false }]);
  t.same(readExpressionRefs("secrets['CF_TOKEN']").secrets, [{ name: "CF_TOKEN", dynamic: false }]);
  t.same(readExpressionRefs('secrets["CF_TOKEN"]').secrets, [{ name: null, dynamic: true }], "double quotes are not GitHub string literals");
  t.same(readExpressionRefs("Secrets.npm_token").secrets, [{ name: "NPM_TOKEN", dynamic: false }], "names are case-insensitive, uppercased as GitHub stores them");
  t.same(readExpressionRefs("secrets.A || secrets.B && secrets.A").secrets, [
    { name: "A", dynamic: false },
    { name: "B", dynamic: false },
  ], "each once, in source order");
  t.same(readExpressionRefs("format('Bearer {0}', secrets.TOKEN)").secrets, [{ name: "TOKEN", dynamic: false }], "as a function argument");
  t.same(readExpressionRefs("secrets.GITHUB_TOKEN").secrets, [{ name: "GITHUB_TOKEN", dynamic: false }]);
});

t.test("dynamic uses of the secrets context", async (t) => {
  for (const expr of ["toJSON(secrets)", "secrets[format('{0}_KEY', matrix.env)]", "secrets[inputs.name]", "secrets.*", "secrets", "fromJSON(toJSON(secrets)).X"]) {
    t.same(readExpressionRefs(expr).secrets, [{ name: null, dynamic: true }], expr);
  }
  t.same(readExpressionRefs("secrets[format('{0}_KEY', matrix.env)]").contexts, ["matrix.env"], "the computed index is read too");
});

t.test("string literals are not references", async (t) => {
  const refs = readExpressionRefs("contains('secrets.X vars.Y github.token', 'x') && 'secrets[0]' == ''");
  t.same(refs, { secrets: [], vars: [], contexts: [] });
});

t.test("variables", async (t) => {
  t.same(readExpressionRefs("vars.OPENAI_WIF_PROVIDER_ID").vars, [{ name: "OPENAI_WIF_PROVIDER_ID", dynamic: false }]);
  t.same(readExpressionRefs("vars['region']").vars, [{ name: "REGION", dynamic: false }]);
  t.same(readExpressionRefs("toJSON(vars)").vars, [{ name: null, dynamic: true }]);
});

t.test("other contexts as dotted paths", async (t) => {
  t.same(readExpressionRefs("github.event.pull_request.head.ref").contexts, ["github.event.pull_request.head.ref"]);
  t.same(readExpressionRefs("github.head_ref || inputs.ref").contexts, ["github.head_ref", "inputs.ref"]);
  t.same(readExpressionRefs("steps.meta.outputs.tags").contexts, ["steps.meta.outputs.tags"]);
  t.same(readExpressionRefs("needs.build-job.outputs.digest").contexts, ["needs.build-job.outputs.digest"]);
  t.same(readExpressionRefs("github['event']['issue'].title").contexts, ["github.event.issue.title"], "static indexes become properties");
  t.same(readExpressionRefs("github.event.commits[0].message").contexts, ["github.event.commits.0.message"]);
  t.same(readExpressionRefs("contains(github.event.pull_request.labels.*.name, 'deploy')").contexts, ["github.event.pull_request.labels.*.name"]);
  t.same(readExpressionRefs("github.event.commits[*].id").contexts, ["github.event.commits.*.id"], "[*] is the object filter");
  t.same(readExpressionRefs("secrets[*]").secrets, [{ name: null, dynamic: true }]);
  t.same(readExpressionRefs("matrix[inputs.key]").contexts, ["matrix.*", "inputs.key"], "a computed index is any property");
  t.same(readExpressionRefs("GitHub.Event.Issue").contexts, ["github.Event.Issue"], "only the context name is lowercased");
  t.same(readExpressionRefs("toJSON(github)").contexts, ["github"]);
  t.same(readExpressionRefs("env.A == env.A").contexts, ["env.A"], "deduplicated");
});

t.test("functions, literals and property chains on call results are not contexts", async (t) => {
  t.same(readExpressionRefs("success() && !cancelled() && true != false && null == NaN").contexts, []);
  t.same(readExpressionRefs("fromJSON(steps.x.outputs.json).field").contexts, ["steps.x.outputs.json"]);
  t.same(readExpressionRefs("hashFiles('**/package-lock.json')").contexts, []);
});

t.test("malformed expressions give what they can", async (t) => {
  t.same(readExpressionRefs("secrets.").secrets, [{ name: null, dynamic: true }], "a dangling dot reads the whole context");
  t.same(readExpressionRefs("secrets[").secrets, [{ name: null, dynamic: true }]);
  t.same(readExpressionRefs("github.event[ 'a' ").contexts, ["github.event.a"], "an unclosed static index");
  t.same(readExpressionRefs("a.0.1").contexts, ["a.0.1"]);
  t.same(readExpressionRefs("github.event.(").contexts, ["github.event"]);
  t.same(readExpressionRefs("").contexts, []);
});
