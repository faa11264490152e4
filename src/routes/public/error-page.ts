import type { Context } from "hono";
import { render } from "../../render/index.ts";
import { messageView } from "../../render/views/chrome.ts";
import type { AppEnv } from "../env.ts";

/**
 * An HTML error page that names what was wrong; public pages never answer with JSON.
 *
 * @example return errorPage(c, 404, "Incident not found", "There is no incident at this address. …");
 */
export function errorPage(c: Context<AppEnv>, status: 400 | 404, heading: string, text: string) {
  return c.html(render("pages/message", messageView(c.var.deps.config, heading, text)), status);
}
