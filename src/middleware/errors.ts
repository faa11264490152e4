import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import type { AppEnv } from "../app-env.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { AppError, type FieldProblem } from "../errors.ts";
import { errorFields } from "../lib/log.ts";
import { routeLabel } from "./request-metrics.ts";

/** Seconds a client should wait before sending a write again while the database is down. */
export const databaseRetryAfterSeconds = 2;

/** Turns zod issues into field problems with dotted paths such as `components.api`. */
export function fieldProblems(error: ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: [...path, key].join("."), message: "is not a known field" }));
    }
    // zod reports a missing field as a type error "received undefined".
    const message =
      issue.code === "invalid_type"
        ? /received undefined$/.test(issue.message)
          ? "is required"
          : issue.message.replace(/^Invalid input: /, "")
        : issue.message;
    return [{ field: path.join(".") || "body", message }];
  });
}

/**
 * The shared validation hook: every schema failure becomes a 400 that names
 * the field, in the one error shape.
 */
export function validationHook(result: { success: boolean; error?: unknown }, _c: Context<AppEnv>) {
  if (!result.success) throw AppError.invalid(fieldProblems(result.error as ZodError));
}

/** The one error handler: every failure leaves as `{ error: { code, message, details?, requestId } }`. */
export function onError(err: Error, c: Context<AppEnv>) {
  const appError = toAppError(err);
  if (appError.code === "INTERNAL_SERVER_ERROR") {
    const log = c.var.deps?.log;
    const fields = { requestId: c.var.requestId, method: c.req.method, route: routeLabel(c), ...errorFields(err) };
    if (log) log.error({ ...fields, stack: err.stack }, "request failed");
    else console.error(`[${fields.requestId ?? "-"}] ${c.req.method} ${c.req.path} failed:`, err);
  }
  if (appError.code === "UNAUTHORIZED") c.header("WWW-Authenticate", 'Bearer realm="candor"');
  if (appError.code === "DATABASE_UNAVAILABLE") {
    // Everyone else stops waiting on the database until a probe finds it back.
    if (!(err instanceof AppError)) c.var.deps?.dbHealth?.report(err);
    c.header("Retry-After", String(databaseRetryAfterSeconds));
  }
  return c.json(
    {
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.details ? { details: appError.details } : {}),
        ...appError.extra,
        requestId: c.var.requestId ?? null,
      },
    },
    appError.status,
  );
}

/** Postgres refuses NUL in text (22021 on a parameter, 22P05 in a JSON escape). */
function isNulRefusal(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "22021" || code === "22P05") return true;
  }
  return false;
}

function toAppError(err: Error): AppError {
  if (err instanceof AppError) return err;
  // The server is down or too slow: the same request may succeed later, and
  // a transaction that failed this way wrote nothing.
  if (isDatabaseUnavailable(err)) return AppError.databaseUnavailable();
  // The transaction rolled back, so nothing was written: the input was at fault.
  if (isNulRefusal(err)) {
    return AppError.invalid([{ field: "body", message: "text must not contain NUL characters (\\u0000)" }]);
  }
  if (err instanceof HTTPException) {
    switch (err.status) {
      case 400:
        // Hono's JSON validator throws this for a body that is not JSON.
        return AppError.invalid([{ field: "body", message: "is not valid JSON" }]);
      case 413:
        return new AppError("PAYLOAD_TOO_LARGE", "body: must be at most 64 KB");
      case 415:
        return new AppError("UNSUPPORTED_MEDIA_TYPE", "body: send JSON with Content-Type: application/json");
      case 404:
        return new AppError("NOT_FOUND", "not found");
    }
  }
  return new AppError("INTERNAL_SERVER_ERROR", "something went wrong on our side; the request id helps us find it");
}
