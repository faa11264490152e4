import type { Hono } from "hono";
import { render } from "../../render/index.ts";
import { incidentPageView } from "../../render/views/incident-page.ts";
import { findIncident } from "../../services/incidents/index.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { errorPage } from "./error-page.ts";

/**
 * `/incidents/{id}`: one incident or maintenance with its whole timeline, or
 * a 404 page that points to the history.
 *
 * @example registerIncidentPage(app); await app.request(`/incidents/${id}`) // 200 text/html
 */
export function registerIncidentPage(app: Hono<AppEnv>) {
  app.get("/incidents/:id", async (c) => {
    const ctx = serviceContext(c);
    const now = ctx.clock();
    const incident = await findIncident(ctx, c.req.param("id"));
    if (!incident)
      return errorPage(
        c,
        404,
        "Incident not found",
        "There is no incident at this address. Check the link, or see all incidents in the history.",
      );
    return c.html(render("pages/incident", incidentPageView(incident, now, ctx.config)));
  });
}
