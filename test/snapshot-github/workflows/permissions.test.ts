/** Effective permissions, their source, and whether they allow minting an OIDC token. */
import t from "tap";
import { effectivePermissions, grantsIdToken } from "@regolith/snapshot-github";
import { oneJob, parse } from "../../_lib/workflow-parse.ts";

t.test("job, then workflow, then the repository default", async (t) => {
  t.same(effectivePermissions({ "id-token": "write" }, "read-all"), {
    effective_permissions: { "id-token": "write" },
    permissions_source: "job",
    requests_id_token: true,
  });
  t.same(effectivePermissions(null, "write-all"), { effective_permissions: "write-all", permissions_source: "workflow", requests_id_token: true });
  t.same(effectivePermissions(null, null), { effective_permissions: null, permissions_source: "default", requests_id_token: false });
  t.same(effectivePermissions({}, { "id-token": "write" }), { effective_permissions: {}, permissions_source: "job", requests_id_token: false }, "{} on the job overrides");
});

t.test("which permissions grant id-token: write", async (t) => {
  t.equal(grantsIdToken("write-all"), true);
  t.equal(grantsIdToken("read-all"), false);
  t.equal(grantsIdToken({ "id-token": "write" }), true);
  t.equal(grantsIdToken({ "id-token": "read" }), false);
  t.equal(grantsIdToken({ "id-token": "none", contents: "write" }), false);
  t.equal(grantsIdToken({}), false);
  t.equal(grantsIdToken(null), false, "the repository default never includes id-token: write");
});

t.test("permissions as written in a workflow", async (t) => {
  const wf = parse(`on: push\npermissions:\n  pull-requests: write\n  contents: read\njobs:\n  a:\n    runs-on: x\n    permissions: read-all\n  b:\n    runs-on: x\n    permissions:\n`);
  t.same(wf.permissions, { contents: "read", "pull-requests": "write" }, "scopes sorted");
  const a = wf.jobs.find((j) => j.id === "a")!;
  t.equal(a.permissions, "read-all");
  t.equal(a.permissions_source, "job");
  const b = wf.jobs.find((j) => j.id === "b")!;
  t.equal(b.permissions, null, "a bare `permissions:` is no permissions key");
  t.equal(b.permissions_source, "workflow");
  const odd = parse(oneJob("runs-on: x\npermissions:\n  id-token: write\n  contents: 1"));
  t.same(odd.jobs[0]?.permissions, { contents: "1", "id-token": "write" }, "non-string values are kept as text");
  t.equal(odd.jobs[0]?.requests_id_token, true);
});
