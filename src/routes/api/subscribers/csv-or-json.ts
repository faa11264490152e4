import { createMiddleware } from "hono/factory";
import { AppError } from "../../../errors.ts";
import type { AppEnv } from "../../env.ts";

/** CSV (text/csv or text/plain) or JSON `{ csv }`; anything else is a 415 that says so. */
export const csvOrJson = createMiddleware<AppEnv>(async (c, next) => {
  const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "text/csv" && type !== "text/plain" && !/^application\/([a-z.-]+\+)?json$/.test(type)) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "body: send the file with Content-Type: text/csv, or JSON { csv } with Content-Type: application/json",
    );
  }
  await next();
});
