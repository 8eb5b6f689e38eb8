/**
 * `POST /graphql`: the real query, executed by graphql-js against GitHub's published
 * schema, in the order GitHub works: parse, validate, check pagination bounds and
 * cost, charge the budget, execute. Everything GitHub reports in the body (syntax,
 * validation, pagination, rate limit, NOT_FOUND) answers HTTP 200 with `errors`,
 * so `@octokit/graphql` throws `GraphqlResponseError` exactly as it would in production.
 */
import {
  execute,
  getOperationAST,
  getVariableValues,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
} from "graphql";
import { exhaustedMessage, spend, type Budget } from "../rate-limit.js";
import { analyze } from "./analyze.js";
import type { GraphEnv } from "./env.js";
import { rootValue } from "./root.js";
import { githubSchema } from "./schema.js";

export interface GraphqlOutcome {
  status: number;
  body: unknown;
  operationName: string | null;
  /** `owner/name` of each root `repository` field. */
  repositories: string[];
  cost: number;
}

interface Request {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

type Parsed = { document: DocumentNode } | { errors: readonly GraphQLError[] };

/** Parse and validation results by query text: a snapshot sends the same few queries many times. */
const parsed = new Map<string, Parsed>();

function parseAndValidate(query: string): Parsed {
  let hit = parsed.get(query);
  if (!hit) {
    try {
      const document = parse(query);
      const errors = validate(githubSchema(), document);
      hit = errors.length > 0 ? { errors } : { document };
    } catch (e) {
      hit = { errors: [e as GraphQLError] };
    }
    if (parsed.size > 200) parsed.clear();
    parsed.set(query, hit);
  }
  return hit;
}

/** GitHub's error objects: `type` (when GitHub has one), `path`, `locations`, `message`. */
function format(e: GraphQLError | { type?: string; message: string; path?: readonly (string | number)[]; locations?: readonly object[] }) {
  const type = "extensions" in e ? e.extensions["type"] : e.type;
  return {
    ...(typeof type === "string" ? { type } : {}),
    ...(e.path && e.path.length > 0 ? { path: e.path } : {}),
    ...(e.locations && e.locations.length > 0 ? { locations: e.locations } : {}),
    message: e.message,
  };
}

/** The operation a request body names, for fault matching before execution; `null` when unnamed or unreadable. */
export function operationNameOf(raw: string): string | null {
  let request: Request;
  try {
    request = JSON.parse(raw) as Request;
  } catch {
    return null;
  }
  if (typeof request.query !== "string") return null;
  const result = parseAndValidate(request.query);
  if ("errors" in result) return /\b(?:query|mutation|subscription)\s+(\w+)/.exec(request.query)?.[1] ?? null;
  const name = typeof request.operationName === "string" ? request.operationName : undefined;
  return getOperationAST(result.document, name)?.name?.value ?? null;
}

export async function answerGraphql(raw: string, env: GraphEnv, budget: Budget): Promise<GraphqlOutcome> {
  const outcome = (body: unknown, extra: Partial<GraphqlOutcome> = {}): GraphqlOutcome => ({
    status: 200,
    body,
    operationName: null,
    repositories: [],
    cost: 0,
    ...extra,
  });
  let request: Request;
  try {
    request = JSON.parse(raw) as Request;
  } catch {
    return outcome({ message: "Problems parsing JSON", documentation_url: "https://docs.github.com/graphql", status: "400" }, { status: 400 });
  }
  if (typeof request.query !== "string") {
    return outcome({ errors: [{ message: "A query attribute must be specified and must be a string." }] });
  }
  const result = parseAndValidate(request.query);
  if ("errors" in result) return outcome({ errors: result.errors.map(format) });

  const document = result.document;
  const operation = getOperationAST(document, typeof request.operationName === "string" ? request.operationName : undefined);
  if (!operation) return outcome({ errors: [{ message: "An operation name is required when a document holds several operations." }] });
  const operationName = operation.name?.value ?? null;
  if (operation.operation !== "query") {
    return outcome({ errors: [{ type: "FORBIDDEN", message: "This GitHub fake serves queries only; a snapshot never writes." }] }, { operationName });
  }

  const inputs = (request.variables ?? {}) as Record<string, unknown>;
  const coerced = getVariableValues(githubSchema(), operation.variableDefinitions ?? [], inputs);
  if (coerced.errors) return outcome({ errors: coerced.errors.map(format) }, { operationName });

  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  const analysis = analyze(githubSchema(), operation, fragments, coerced.coerced);
  const extra = { operationName, repositories: analysis.repositories, cost: analysis.cost };
  if (analysis.errors.length > 0) return outcome({ errors: analysis.errors.map(format) }, extra);
  if (!spend(budget, analysis.cost)) {
    return outcome({ errors: [{ type: "RATE_LIMITED", message: exhaustedMessage(env.org.viewer.id) }] }, extra);
  }

  const executed = await execute({
    schema: githubSchema(),
    document,
    operationName: operation.name?.value,
    variableValues: inputs,
    rootValue: rootValue(env, { cost: analysis.cost, nodeCount: analysis.nodeCount, budget }),
  });
  const body = executed.errors ? { data: executed.data ?? null, errors: executed.errors.map(format) } : { data: executed.data };
  return outcome(body, extra);
}
