/** Waiver resource selectors: exact, `*` within a segment, `**` across segments. */
import t from "tap";
import { resourceMatcher } from "@regolith/gate";

const check = (pattern: string, yes: string[], no: string[]) => {
  const m = resourceMatcher(pattern);
  for (const r of yes) t.ok(m(r), `${pattern} matches ${r}`);
  for (const r of no) t.notOk(m(r), `${pattern} does not match ${r}`);
};

t.test("exact", async () => {
  check("github://acme/app", ["github://acme/app"], ["github://acme/app/secrets/X", "github://acme/ap", "github://acme/appx"]);
});

t.test("* stays within a segment", async () => {
  check("github://acme/*/secrets/OPENAI_*", ["github://acme/app/secrets/OPENAI_API_KEY", "github://acme/site/secrets/OPENAI_"], [
    "github://acme/app/environments/prod/secrets/OPENAI_API_KEY",
    "github://umbrella/app/secrets/OPENAI_API_KEY",
    "github://acme/app/secrets/OPENAI_KEY/x",
  ]);
  check("github://acme/app/.github/workflows/*.yml#jobs/*", ["github://acme/app/.github/workflows/ci.yml#jobs/build"], ["github://acme/app/.github/workflows/ci.yml#jobs/build/x", "github://acme/app/.github/workflows/ciXyml#jobs/build"]);
});

t.test("** crosses segments", async () => {
  check("cloudflare://accounts/**", ["cloudflare://accounts/9f1a/tokens/abc", "cloudflare://accounts/9f1a"], ["cloudflare://user/tokens/abc", "cloudflare://accounts"]);
  check("github://acme/**/secrets/*", ["github://acme/app/secrets/A", "github://acme/app/environments/prod/secrets/A"], ["github://acme/secrets/A", "github://acme/app/secrets/A/B"]);
});

t.test("regular-expression characters match themselves", async () => {
  check("github://acme/a.b+(c)?[d]", ["github://acme/a.b+(c)?[d]"], ["github://acme/aXb+(c)?[d]", "github://acme/a.bb(c)d"]);
});
