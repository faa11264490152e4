/** Exit codes: 0 ok, 1 refused by the API (or not reachable, or not confirmed), 2 usage. */
export const exitCodes = { ok: 0, refused: 1, usage: 2 } as const;

/** A command line the CLI cannot run: exit 2, with the usage hint. */
export class UsageError extends Error {
  override name = "UsageError";
  /** The command whose `--help` to point at. */
  readonly command?: string;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** The API's one error shape (README, "Errors"), plus the extra facts some refusals carry (a 409's suggested window). */
export type ApiErrorBody = {
  error: {
    code: string;
    message: string;
    details?: { field: string; message: string }[];
    requestId: string | null;
    [extra: string]: unknown;
  };
};

/** The API said no (a 4xx or 5xx): exit 1 with its message and the fields it names. */
export class ApiRefusal extends Error {
  override name = "ApiRefusal";
  readonly status: number;
  readonly body: ApiErrorBody;
  constructor(status: number, body: ApiErrorBody) {
    super(body.error.message);
    this.status = status;
    this.body = body;
  }
}

/** Nothing was sent: the server could not be reached, or the engineer said no at the prompt. Exit 1. */
export class Stopped extends Error {
  override name = "Stopped";
}
