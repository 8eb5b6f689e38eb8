/**
 * GitHub's published GraphQL schema (the SDL in `@octokit/graphql-schema`), built once
 * per process: the file is 1.2 MB and takes a noticeable moment to build.
 *
 * `assumeValidSDL` because the shipped SDL defines
 * `EnterpriseOwnerInfo.repositoryDeployKeySetting*` twice. Not `schema.json`: that
 * introspection dump is older than the SDL (VENDOR-APIS §1.3).
 */
import { buildSchema, type GraphQLSchema } from "graphql";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

let schema: GraphQLSchema | undefined;

export function githubSchema(): GraphQLSchema {
  if (!schema) {
    // The package exports only its JS entry, so find the SDL beside it.
    const sdl = new URL("schema.graphql", import.meta.resolve("@octokit/graphql-schema"));
    schema = buildSchema(readFileSync(fileURLToPath(sdl), "utf8"), { assumeValidSDL: true });
  }
  return schema;
}
