import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";

/**
 * The OpenAPI document the app serves at /api/v1/openapi.json, read from
 * createApp in-process: the document is built from the route definitions, so
 * no database is opened (the stub is never queried for it) and no socket.
 */
export async function openApiDocument(): Promise<unknown> {
  const app = createApp({ db: {} as never, config: loadConfig({}) });
  const res = await app.request("/api/v1/openapi.json");
  if (res.status !== 200) throw new Error(`openapi.json answered ${res.status}`);
  return res.json();
}
