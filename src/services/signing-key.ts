import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { settings } from "../db/schema/index.ts";

const name = "signing_key";
const cache = new WeakMap<Db, Promise<string>>();

/**
 * The key that signs links in emails. Generated on first use and kept in the
 * database, so every process (and a restart) signs and checks alike, with
 * nothing to configure.
 */
export function signingKey(db: Db, now: Date = new Date()): Promise<string> {
  let key = cache.get(db);
  if (!key) {
    key = load(db, now);
    cache.set(db, key);
    key.catch(() => cache.delete(db));
  }
  return key;
}

async function load(db: Db, now: Date): Promise<string> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const fresh = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  // Two processes may race on the first start: the first insert wins, both read it.
  await db.insert(settings).values({ key: name, value: fresh, createdAt: now }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, name));
  return row.value;
}
