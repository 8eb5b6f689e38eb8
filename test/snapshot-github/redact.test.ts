/** Credential detection and redaction: every kind in both directions, and the things that must survive. */
import t from "tap";
import { redactText, redactValue, redactionMarker, type CredentialKind } from "@regolith/snapshot-github";
import { base62, fake, hex } from "../_lib/fake-credentials.ts";

const kinds: [string, () => string, CredentialKind][] = [
  ["OpenAI legacy key", fake.openaiLegacy, "openai_api_key"],
  ["OpenAI project key", fake.openaiProject, "openai_api_key"],
  ["OpenAI service-account key", fake.openaiServiceAccount, "openai_api_key"],
  ["OpenAI admin key", fake.openaiAdmin, "openai_api_key"],
  ["Anthropic key", fake.anthropic, "anthropic_api_key"],
  ["GitHub classic PAT", fake.githubClassic, "github_pat"],
  ["GitHub fine-grained PAT", fake.githubFineGrained, "github_pat"],
  ["GitHub OAuth token", fake.githubOauth, "github_token"],
  ["GitHub installation token", fake.githubInstallation, "github_token"],
  ["GitHub user-to-server token", fake.githubUserToServer, "github_token"],
  ["GitHub refresh token", fake.githubRefresh, "github_token"],
  ["Cloudflare user token", fake.cloudflareUser, "cloudflare_api_token"],
  ["Cloudflare account token", fake.cloudflareAccount, "cloudflare_api_token"],
  ["Cloudflare Global API Key", fake.cloudflareGlobal, "cloudflare_global_api_key"],
  ["AWS access key id", fake.awsAccessKeyId, "aws_access_key_id"],
  ["AWS temporary key id", fake.awsTemporaryKeyId, "aws_access_key_id"],
  ["Slack bot token", fake.slackBot, "slack_token"],
  ["Slack webhook URL", fake.slackWebhook, "slack_webhook_url"],
  ["Google API key", fake.googleApiKey, "google_api_key"],
  ["Stripe live secret key", fake.stripeLive, "stripe_api_key"],
  ["Stripe restricted key", fake.stripeRestricted, "stripe_api_key"],
  ["npm token", fake.npm, "npm_token"],
  ["PyPI token", fake.pypi, "pypi_token"],
  ["JWT", fake.jwt, "jwt"],
  ["RSA private key", () => fake.privateKey(), "private_key"],
  ["OpenSSH private key", () => fake.privateKey("OPENSSH "), "private_key"],
  ["PKCS#8 private key", () => fake.privateKey(""), "private_key"],
];

t.test("a value that is a credential as a whole is replaced by a redaction object", async (t) => {
  for (const [label, make, kind] of kinds) {
    t.same(redactValue(make()), { redacted: true, looks_like: kind }, label);
    t.same(redactValue(`  ${make()}\n`), { redacted: true, looks_like: kind }, `${label}, with surrounding whitespace`);
  }
});

t.test("inside longer text, each credential is replaced in place by a marker", async (t) => {
  for (const [label, make, kind] of kinds) {
    const text = `before ${make()} after`;
    t.equal(redactText(text), `before ${redactionMarker(kind)} after`, label);
    t.equal(redactValue(text), `before [redacted:${kind}] after`, `${label}, as part of a scalar value`);
  }
});

t.test("several credentials in a run script", async (t) => {
  const script = [
    `curl -H "Authorization: Bearer ${fake.openaiProject()}" https://api.openai.com/v1/models`,
    `export CLOUDFLARE_API_TOKEN=${fake.cloudflareUser()}`,
    `git clone https://x-access-token:${fake.githubInstallation()}@github.com/acme/app.git`,
    `echo '${fake.npm()}' > ~/.npmrc`,
  ].join("\n");
  t.equal(
    redactText(script),
    [
      'curl -H "Authorization: Bearer [redacted:openai_api_key]" https://api.openai.com/v1/models',
      "export CLOUDFLARE_API_TOKEN=[redacted:cloudflare_api_token]",
      "git clone https://x-access-token:[redacted:github_token]@github.com/acme/app.git",
      "echo '[redacted:npm_token]' > ~/.npmrc",
    ].join("\n"),
  );
});

t.test("a private key block inside a script, and a truncated one", async (t) => {
  const key = fake.privateKey();
  t.equal(redactText(`cat > id_rsa <<EOF\n${key}\nEOF\nchmod 600 id_rsa`), "cat > id_rsa <<EOF\n[redacted:private_key]\nEOF\nchmod 600 id_rsa");
  const truncated = key.split("\n").slice(0, 3).join("\n");
  t.equal(redactText(`${truncated}\nnext line`), "[redacted:private_key]\nnext line", "header and base64 lines, not the text after");
  t.equal(redactText("-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----"), "-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----");
  t.equal(redactText("-----BEGIN CERTIFICATE-----"), "-----BEGIN CERTIFICATE-----");
});

t.test("AWS secret access keys only where labelled", async (t) => {
  const secret = fake.awsSecretAccessKey();
  t.equal(redactText(`export AWS_SECRET_ACCESS_KEY=${secret}`), "export AWS_SECRET_ACCESS_KEY=[redacted:aws_secret_access_key]");
  t.equal(redactText(`aws_secret_access_key = ${secret}`), "aws_secret_access_key = [redacted:aws_secret_access_key]");
  t.equal(redactText(`{"SecretAccessKey": "${secret}"}`), '{"SecretAccessKey": "[redacted:aws_secret_access_key]"}');
  t.equal(redactText(`aws configure set aws_secret_access_key ${secret}`), "aws configure set aws_secret_access_key [redacted:aws_secret_access_key]");
  t.equal(redactText(`value: ${secret}`), `value: ${secret}`, "unlabelled forty characters stay");
  t.same(redactValue(secret, "AWS_SECRET_ACCESS_KEY"), { redacted: true, looks_like: "aws_secret_access_key" }, "the env key is the label");
  t.same(redactValue(secret, "aws-secret-access-key"), { redacted: true, looks_like: "aws_secret_access_key" }, "the action input is the label");
  t.equal(redactValue(secret), secret, "without a label it is not recognised");
  t.equal(redactValue(`AWS_SECRET_ACCESS_KEY=${secret}`), "AWS_SECRET_ACCESS_KEY=[redacted:aws_secret_access_key]", "a labelled value keeps its label");
  t.equal(redactValue(secret, "SECRET_KEY"), secret, "a label that does not say AWS or access key does not count");
  const sha = hex(40, 3);
  t.equal(redactValue(sha, "AWS_SECRET_ACCESS_KEY"), sha, "a commit SHA under the label is not a key");
  t.equal(redactText(`AWS_SECRET_ACCESS_KEY=${sha}`), `AWS_SECRET_ACCESS_KEY=${sha}`);
  t.equal(redactValue("${{ secrets.AWS_SECRET_ACCESS_KEY }}", "AWS_SECRET_ACCESS_KEY"), "${{ secrets.AWS_SECRET_ACCESS_KEY }}");
});

t.test("ordinary workflow text is left alone", async (t) => {
  const keep = [
    "${{ secrets.OPENAI_API_KEY }}",
    "${{ secrets['GITHUB_TOKEN'] }}",
    "${{ toJSON(secrets) }}",
    "Bearer ${{ secrets.CLOUDFLARE_API_TOKEN }}",
    hex(40, 1),
    `actions/checkout@${hex(40, 2)}`,
    `docker://alpine@sha256:${hex(64, 3)}`,
    "3f1c0e9d-2b7a-4c5d-8e7f-8091a2b3c4d5",
    "pip install scikit-learn sk-learn sk-learn-intelex",
    "sk-my-very-long-internal-package-name-for-testing-123",
    "npm run task-runner && du -sh disk-usage-report",
    "ghp_short",
    "npm_config_registry npm_package_version",
    `XAKIAIOSFODNN7EXAMPLEX`,
    "eyJhbGciOiJIUzI1NiJ9",
    `eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.`,
    `cfut_${base62(39, 4)}`,
    `sk_test_${base62(40, 5)}`,
    `pk_live_${base62(40, 6)}`,
    "xoxb-not-a-real-token-at-all",
    "AIzaTooShort",
    "wip_01JH0000000000000000000000",
    "repo:acme@1234567/app@987654321:environment:production",
    "",
  ];
  for (const text of keep) {
    t.equal(redactText(text), text, `text: ${text}`);
    t.equal(redactValue(text), text, `value: ${text}`);
  }
});

t.test("redaction is idempotent", async (t) => {
  const text = kinds.map(([, make]) => make()).join(" | ");
  const once = redactText(text);
  t.equal(redactText(once), once);
  t.notMatch(once, /sk-|ghp_|cfut_|AKIA|eyJ|BEGIN/, "nothing credential-like is left");
});

t.test("a prefix glued to a longer word is not a token", async (t) => {
  const token = fake.githubClassic();
  t.equal(redactText(`x${token}`), `x${token}`, "preceded by a letter");
  const npm = fake.npm();
  t.equal(redactText(`${npm}x`), `${npm}x`, "a fixed-length body that runs on is something else");
  t.equal(redactText(`${token}_suffix`), "[redacted:github_pat]_suffix", "an underscore after the body ends the token");
  t.equal(redactText(`(${token})`), "([redacted:github_pat])", "punctuation is a boundary");
});
