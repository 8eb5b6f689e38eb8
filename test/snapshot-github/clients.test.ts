/** Client plumbing that the loopback tests cannot show: GHES endpoints and token kinds. */
import t from "tap";
import { authKind, graphqlUrlFor } from "@regolith/snapshot-github";
import { fake } from "../_lib/fake-credentials.js";

t.test("GraphQL is reached where octokit derives it from the REST base URL", async (t) => {
  t.equal(graphqlUrlFor("https://api.github.com"), "https://api.github.com/graphql");
  t.equal(graphqlUrlFor("https://ghes.example.com/api/v3"), "https://ghes.example.com/api/graphql", "GitHub Enterprise Server");
  t.equal(graphqlUrlFor("https://ghes.example.com/api/v3/"), "https://ghes.example.com/api/graphql");
  t.equal(graphqlUrlFor("http://127.0.0.1:8080"), "http://127.0.0.1:8080/graphql");
});

t.test("the token's kind is read from its documented prefix", async (t) => {
  t.equal(authKind(fake.githubClassic()), "classic_pat");
  t.equal(authKind(fake.githubFineGrained()), "fine_grained_pat");
  t.equal(authKind(fake.githubInstallation()), "app_installation");
  t.equal(authKind(fake.githubOauth()), "oauth");
  t.equal(authKind("something-else"), "unknown");
});
