/** Every route the fake serves (all `GET`). */
import type { Route } from "../router.js";
import { directoryRoutes } from "./directory-routes.js";
import { tokenRoutes } from "./token-routes.js";

export const routes: readonly Route[] = [...tokenRoutes, ...directoryRoutes];
