export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "TOO_MANY_REQUESTS"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "INVALID_ENCODING"
  | "INTERNAL_SERVER_ERROR"
  | "DATABASE_UNAVAILABLE";

export type FieldProblem = { field: string; message: string };

const statusByCode: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_ENCODING: 400,
  INTERNAL_SERVER_ERROR: 500,
  DATABASE_UNAVAILABLE: 503,
};

/**
 * The one error type every layer throws. Services say what went wrong in
 * domain words; the HTTP layer maps `code` to a status and the one JSON shape
 * `{ error: { code, message, details?, requestId } }`.
 */
export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly details?: FieldProblem[];
  /** Machine-readable facts beside the message (a 409's suggested window), sent as they are. */
  readonly extra?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: FieldProblem[], extra?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
    this.extra = extra;
  }

  get status() {
    return statusByCode[this.code];
  }

  /** A 400 for one or more fields; the message names the first. */
  static invalid(problems: FieldProblem[]): AppError {
    const [first] = problems;
    return new AppError("BAD_REQUEST", `${first.field}: ${first.message}`, problems);
  }

  static notFound(what: string, id: string): AppError {
    return new AppError("NOT_FOUND", `${what} ${id} was not found`);
  }

  /** A 503: the database cannot be reached now; nothing was written, the same request may be sent again later. */
  static databaseUnavailable(): AppError {
    return new AppError(
      "DATABASE_UNAVAILABLE",
      "the database is unreachable; nothing was changed, try again in a few seconds",
    );
  }

  static conflict(message: string, details?: FieldProblem[], extra?: Record<string, unknown>): AppError {
    return new AppError("CONFLICT", message, details, extra);
  }
}
