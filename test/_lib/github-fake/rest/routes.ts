/** Every REST route the fake serves (all `GET`); fixed paths precede `{name}` siblings. */
import { contentsRoutes } from "./contents-routes.js";
import { environmentRoutes } from "./environment-routes.js";
import { orgRoutes } from "./org-routes.js";
import { repoRoutes } from "./repo-routes.js";
import type { Route } from "./router.js";

export const restRoutes: readonly Route[] = [...orgRoutes, ...repoRoutes, ...environmentRoutes, ...contentsRoutes];
