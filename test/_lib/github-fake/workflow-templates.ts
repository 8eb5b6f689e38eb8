/**
 * Workflow files for generated repositories: small, but each carries a fact the
 * adapter extracts (VENDOR-APIS §1.5): triggers, permissions, environments, secret
 * and variable references, reusable workflows, OIDC use, pinned and unpinned actions.
 */

export interface TemplateContext {
  org: string;
  /** An environment of the repository, when it has one. */
  environment: string | undefined;
  /** Pin actions to a full commit SHA. */
  pinned: boolean;
}

const CHECKOUT_SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";

function checkout(ctx: TemplateContext): string {
  return ctx.pinned ? `actions/checkout@${CHECKOUT_SHA} # v4.2.2` : "actions/checkout@v4";
}

function environmentLine(ctx: TemplateContext): string {
  return ctx.environment ? `    environment: ${ctx.environment}\n` : "";
}

export const WORKFLOW_TEMPLATES: Record<string, (ctx: TemplateContext) => string> = {
  "ci.yml": (ctx) => `name: CI
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: ${checkout(ctx)}
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci && npm test
`,
  "deploy.yml": (ctx) => `name: Deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
${environmentLine(ctx)}    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: ${checkout(ctx)}
      - uses: cloudflare/wrangler-action@v3
        with:
          apiToken: \${{ secrets.CLOUDFLARE_API_TOKEN }}
          accountId: \${{ vars.CLOUDFLARE_ACCOUNT_ID }}
`,
  "openai-eval.yml": (ctx) => `name: Evals
on:
  pull_request_target:
    types: [opened, synchronize]
jobs:
  eval:
    runs-on: ubuntu-latest
    steps:
      - uses: ${checkout(ctx)}
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: node scripts/eval.js
        env:
          OPENAI_API_KEY: \${{ secrets.OPENAI_API_KEY }}
`,
  "release.yml": (ctx) => `name: Release
on:
  release:
    types: [published]
permissions: write-all
jobs:
  publish:
${environmentLine(ctx)}    runs-on: ubuntu-latest
    steps:
      - uses: ${checkout(ctx)}
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`,
  "nightly.yml": (ctx) => `name: Nightly scan
on:
  schedule:
    - cron: "0 3 * * *"
  workflow_dispatch:
jobs:
  scan:
    uses: ${ctx.org}/shared-workflows/.github/workflows/scan.yml@main
    secrets: inherit
`,
  "oidc-openai.yml": (ctx) => `name: OpenAI via OIDC
on:
  workflow_dispatch:
permissions:
  id-token: write
  contents: read
jobs:
  call:
${environmentLine(ctx)}    runs-on: ubuntu-latest
    steps:
      - run: |
          JWT=$(curl -sH "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=openai" | jq -r .value)
          curl -s https://auth.openai.com/oauth/token -d "subject_token=$JWT" -d "provider=\${{ vars.OPENAI_WIF_PROVIDER_ID }}"
`,
};

/** A local composite action, read with an explicit-path query (Q4). */
export const SETUP_ACTION = `name: Setup
description: Install tools
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: 20
    - run: npm ci
      shell: bash
`;
