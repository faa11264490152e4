import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";

/**
 * A session-level advisory lock that a process holds for as long as it
 * lives. Postgres drops it when the session's socket closes (kill -9, a
 * crashed host once TCP keepalive gives up), so other sessions can read
 * from pg_locks whether its holder is still there.
 */
export type SessionLock = {
  /**
   * True while this process holds the lock. It takes the lock on first use,
   * and again on a new session when the old one was lost (a database
   * restart). False when it cannot (the database is down, or the old
   * session has not been reaped yet); ask again later.
   */
  held(): Promise<boolean>;
  /** Lets go of the lock by closing its session. */
  close(): Promise<void>;
};

/** How long an answer of held() is trusted before the session is asked again. */
const recheckMs = 1000;
/** The longest held() waits on the database before answering false. */
const answerWithinMs = 2000;

// Holds the lock if this session already has it, else tries to take it (never waits on another holder).
// CASE keeps the order: the try only runs when the lock is not already ours, so the count never stacks.
const holdText = `select case when exists (
    select 1 from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid()
      and classid = $1::int8::oid and objid = hashtext($2)::oid and objsubid = 2)
  then true else pg_try_advisory_lock($1::int4, hashtext($2)) end as held`;

/**
 * Holds (classId, hashtext(key)) on a connection of its own: postgres.js's
 * pool may close and reopen its connections, and a pooled session holding a
 * lock would keep it after this process stopped asking. A connection it
 * reopens (max_lifetime is off, but a restart of the server closes it) takes
 * the lock again on the next held().
 *
 * @example
 * const lock = postgresSessionLock(process.env.DATABASE_URL, 7263012, "session:ab12");
 * if (await lock.held()) claimRows();
 */
export function postgresSessionLock(url: string, classId: number, key: string): SessionLock {
  const sql = postgres(url, { max: 1, max_lifetime: null, idle_timeout: 0, connect_timeout: 2, onnotice: () => {} });
  return cachedLock(
    async () => {
      const [row] = await sql.unsafe<{ held: boolean }[]>(holdText, [classId, key]);
      return row?.held === true;
    },
    () => sql.end({ timeout: 1 }),
  );
}

/**
 * PGlite has one session, shared by the whole process, which holds the lock
 * until it closes. A process that starts later on the same data directory
 * has a new session, so the claims of one that died are free at once.
 * That session cannot be lost while the process lives: once taken, the lock
 * is held without asking again (a read of pg_locks was 40 ms of a cold start).
 */
export function pgliteSessionLock(pglite: PGlite, classId: number, key: string): SessionLock {
  let taken = false;
  return cachedLock(
    async () => {
      if (taken) return true;
      const { rows } = await pglite.query<{ held: boolean }>(
        "select pg_try_advisory_lock($1::int4, hashtext($2)) as held",
        [classId, key],
      );
      taken = rows[0]?.held === true;
      return taken;
    },
    async () => {},
  );
}

/** One question in flight at a time, its answer kept for recheckMs, and never a wait longer than answerWithinMs. */
function cachedLock(ask: () => Promise<boolean>, close: () => Promise<void>): SessionLock {
  let answer: { held: boolean; at: number } | null = null;
  let asking: Promise<boolean> | null = null;
  let closed = false;
  return {
    held() {
      if (closed) return Promise.resolve(false);
      if (answer && performance.now() - answer.at < recheckMs) return Promise.resolve(answer.held);
      if (!asking) {
        const question = ask().then(
          (held) => {
            answer = { held, at: performance.now() };
            return held;
          },
          () => {
            answer = { held: false, at: performance.now() };
            return false;
          },
        );
        asking = question.finally(() => {
          asking = null;
        });
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), answerWithinMs);
      });
      return Promise.race([asking, late]).finally(() => clearTimeout(timer));
    },
    async close() {
      closed = true;
      await close().catch(() => {});
    },
  };
}
