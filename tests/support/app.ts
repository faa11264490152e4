import { createApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { OpenDatabase } from "../../src/db/open-node.ts";
import { ensureAdminKey } from "../../src/services/api-keys.ts";
import { type DatabaseKind, openTestDatabase } from "./db.ts";

export const adminToken = "test-admin-token-0123456789";

/** A clock the test moves by hand: time never passes on its own. */
export class FakeClock {
  now: Date;
  constructor(start = "2026-11-23T12:00:00Z") {
    this.now = new Date(start);
  }
  read = () => new Date(this.now);
  advance(ms: number) {
    this.now = new Date(this.now.getTime() + ms);
  }
  /** An ISO timestamp `ms` from now. */
  in(ms: number) {
    return new Date(this.now.getTime() + ms).toISOString();
  }
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * The app over a database of its own, with an admin key and a fake clock.
 * `call` sends JSON with the admin key unless told otherwise.
 */
export async function startTestApp(kind: DatabaseKind, env: Record<string, string> = {}) {
  const database: OpenDatabase = await openTestDatabase(kind);
  const config = loadConfig({ PUBLIC_URL: "http://status.test", CANDOR_ADMIN_TOKEN: adminToken, ...env });
  const clock = new FakeClock();
  await ensureAdminKey(database.db, config, clock.read());
  const app = createApp({ db: database.db, config, clock: clock.read });

  async function call(method: string, path: string, body?: unknown, options: { token?: string | null } = {}) {
    const token = options.token === undefined ? adminToken : options.token;
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, text, headers: res.headers };
  }

  return { app, db: database.db, database, config, clock, call, close: () => database.close() };
}
