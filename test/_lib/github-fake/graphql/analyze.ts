/**
 * The static checks GitHub makes before it executes a query (VENDOR-APIS §1.6):
 *
 * - every connection needs `first` or `last`, between 1 and 100;
 * - cost: each connection costs one request per parent object it is fetched for
 *   (the product of the enclosing connections' page sizes); the sum divided by 100,
 *   rounded, at least 1;
 * - node count: each connection's page size times its parents; at most 500,000.
 *
 * It also notes which repositories a query names at its root, so the request log can
 * count requests per repository.
 */
import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type FieldNode,
} from "graphql";

export const MAX_PAGE = 100;
export const MAX_NODES = 500_000;

/** One GitHub-style error, before it is formatted into the response. */
export interface AnalysisError {
  type: string;
  message: string;
  path: string[];
  locations: { line: number; column: number }[];
}

export interface Analysis {
  errors: AnalysisError[];
  requests: number;
  nodeCount: number;
  cost: number;
  /** `owner/name` for every root `repository(owner:, name:)` field. */
  repositories: string[];
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  out: Analysis;
}

export function analyze(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Record<string, unknown>,
): Analysis {
  const out: Analysis = { errors: [], requests: 0, nodeCount: 0, cost: 0, repositories: [] };
  const root = schema.getRootType(operation.operation);
  if (!root) return out;
  const walk: Walk = { schema, fragments: new Map(fragments.map((f) => [f.name.value, f])), variables, out };
  visit(walk, operation.selectionSet, root, 1, []);
  out.cost = Math.max(1, Math.round(out.requests / 100));
  if (out.nodeCount > MAX_NODES) {
    out.errors.push({
      type: "MAX_NODE_LIMIT_EXCEEDED",
      message: `This query requests up to ${out.nodeCount.toLocaleString("en-US")} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString("en-US")}.`,
      path: [],
      locations: [],
    });
  }
  return out;
}

function visit(w: Walk, set: SelectionSetNode, parent: GraphQLNamedType, parents: number, path: string[]): void {
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      const type = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : parent;
      if (type) visit(w, sel.selectionSet, type, parents, path);
    } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const frag = w.fragments.get(sel.name.value);
      const type = frag && w.schema.getType(frag.typeCondition.name.value);
      if (frag && type) visit(w, frag.selectionSet, type, parents, path);
    } else {
      visitField(w, sel, parent, parents, path);
    }
  }
}

function visitField(w: Walk, node: FieldNode, parent: GraphQLNamedType, parents: number, path: string[]): void {
  // Unions have no fields of their own, and meta fields (__typename) cost nothing.
  if (!isObjectType(parent) && !isInterfaceType(parent)) return;
  const def = parent.getFields()[node.name.value];
  if (!def) return;
  const here = [...path, node.alias?.value ?? node.name.value];
  const args = getArgumentValues(def as GraphQLField<unknown, unknown>, node, w.variables);
  if (path.length === 0 && node.name.value === "repository") {
    w.out.repositories.push(`${String(args["owner"])}/${String(args["name"])}`);
  }
  const type = getNamedType(def.type);
  let children = parents;
  if (isConnection(def, type)) {
    const size = pageSize(w, node, args, here);
    w.out.requests += parents;
    w.out.nodeCount += parents * size;
    children = parents * size;
  }
  if (node.selectionSet) visit(w, node.selectionSet, type, children, here);
}

function isConnection(def: GraphQLField<unknown, unknown>, type: GraphQLNamedType): boolean {
  return type.name.endsWith("Connection") && def.args.some((a) => a.name === "first");
}

/** The page size a connection asks for, recording GitHub's error when it is out of bounds. */
function pageSize(w: Walk, node: FieldNode, args: Record<string, unknown>, path: string[]): number {
  const fail = (type: string, message: string) => {
    w.out.errors.push({ type, message, path, locations: node.loc ? [locationOf(node)] : [] });
    return 0;
  };
  const name = node.name.value;
  const first = args["first"];
  const last = args["last"];
  if (typeof first !== "number" && typeof last !== "number") {
    return fail("MISSING_PAGINATION_BOUNDARIES", `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`);
  }
  if (typeof first === "number" && typeof last === "number") {
    return fail("EXCESSIVE_PAGINATION", `Passing both \`first\` and \`last\` to paginate the \`${name}\` connection is not supported.`);
  }
  const [arg, size] = typeof first === "number" ? ["first", first] : ["last", last as number];
  if (size < 0) return fail("INVALID_PAGINATION", `\`${arg}\` on the \`${name}\` connection cannot be less than zero.`);
  if (size > MAX_PAGE) {
    return fail("EXCESSIVE_PAGINATION", `Requesting ${size} records on the \`${name}\` connection exceeds the \`${arg}\` limit of ${MAX_PAGE} records.`);
  }
  return size;
}

function locationOf(node: FieldNode): { line: number; column: number } {
  const { line, column } = node.loc!.startToken;
  return { line, column };
}
