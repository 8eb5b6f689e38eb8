/**
 * Users, teams and apps as GraphQL nodes. They appear inside unions
 * (`DeploymentReviewer`, `BypassActor`), so each carries its `__typename`.
 */
import { nodeId } from "../ids.js";
import { WEB } from "./env.js";

const SINCE = "2020-01-01T00:00:00Z";

export function userNode(login: string, id: number) {
  return { __typename: "User", id: nodeId("U", id), databaseId: id, login, name: login, url: `${WEB}/${login}`, createdAt: SINCE, updatedAt: SINCE };
}

export function teamNode(orgLogin: string, slug: string, id: number, name: string) {
  return {
    __typename: "Team",
    id: nodeId("T", id),
    databaseId: id,
    slug,
    name,
    combinedSlug: `${orgLogin}/${slug}`,
    url: `${WEB}/orgs/${orgLogin}/teams/${slug}`,
    createdAt: SINCE,
    updatedAt: SINCE,
  };
}

export function appNode(slug: string, id: number) {
  return { __typename: "App", id: nodeId("A", id), databaseId: id, slug, name: slug, url: `${WEB}/apps/${slug}`, createdAt: SINCE, updatedAt: SINCE };
}
