/**
 * The gate benchmark's organization: a github-snapshot of N repositories (five
 * workflow jobs each, with environments, secrets and rulesets) and a
 * cloudflare-snapshot of N tokens, grown from the shipped example documents so every
 * entity has the shape the adapters write. Repositories and tokens cycle through the
 * examples' own variety, so the checks fire in realistic proportions; ids, names and
 * dates vary so that nothing collapses into one set element.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- generated documents are plain JSON

const EXAMPLES = join(import.meta.dirname, "../../schemas/examples");

function example(name: string): Json {
  return JSON.parse(readFileSync(join(EXAMPLES, name), "utf8"));
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function hex32(n: number, salt: number): string {
  return ((n * 2654435761 + salt) >>> 0).toString(16).padStart(8, "0").repeat(4);
}

/** Every job of the example organization, with its workflow (triggers, permissions). */
function jobPool(doc: Json): { workflow: Json; job: Json }[] {
  const pool: { workflow: Json; job: Json }[] = [];
  for (const repo of doc.repositories) for (const workflow of repo.workflows ?? []) for (const job of workflow.jobs) pool.push({ workflow, job });
  return pool;
}

export function generateGithubSnapshot(repositories: number): Json {
  const doc = example("github-snapshot.acme.json");
  const templates: Json[] = doc.repositories;
  const jobs = jobPool(doc);
  const out: Json[] = [];
  for (let i = 0; i < repositories; i++) {
    const repo = clone(templates[i % templates.length]);
    const name = `${repo.name}-${i}`;
    repo.name = name;
    repo.full_name = `${doc.org.login}/${name}`;
    repo.id = 100_000_000 + i;
    repo.node_id = `R_bench${i}`;
    if (repo.actions?.oidc?.sub_claim_prefix) repo.actions.oidc.sub_claim_prefix = `repo:${doc.org.login}@${doc.org.id}/${name}@${repo.id}`;
    // Five jobs over two workflows, drawn from the example's jobs in turn.
    const workflows: Json[] = [];
    for (let w = 0; w < 2; w++) {
      const first = jobs[(i + w) % jobs.length]!;
      const workflow = clone(first.workflow);
      workflow.path = `.github/workflows/bench-${w}.yml`;
      workflow.jobs = [];
      for (let k = 0; k < (w === 0 ? 3 : 2); k++) {
        const job = clone(jobs[(i * 5 + w * 3 + k) % jobs.length]!.job);
        job.id = `${job.id}-${k}`;
        job.oidc_sub_candidates = (job.oidc_sub_candidates as string[]).map((s) => s.replace(/\/[^/@]+@\d+/, `/${name}@${repo.id}`));
        workflow.jobs.push(job);
      }
      workflows.push(workflow);
    }
    repo.workflows = workflows;
    out.push(repo);
  }
  doc.repositories = out;
  doc.coverage = doc.coverage.filter((c: Json) => c.resource.startsWith("org:"));
  return doc;
}

export function generateCloudflareSnapshot(tokens: number): Json {
  const doc = example("cloudflare-snapshot.acme.json");
  const templates: Json[] = doc.tokens;
  const out: Json[] = [];
  for (let i = 0; i < tokens; i++) {
    const token = clone(templates[i % templates.length]);
    token.id = hex32(i, 0x5eed);
    token.name = `${token.name}-${i}`;
    for (const policy of token.policies) policy.id = hex32(i, policy.id.charCodeAt(0));
    out.push(token);
  }
  out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  doc.tokens = out;
  return doc;
}

export function generateOpenaiFederation(): Json {
  return example("openai-federation.acme.json");
}
