import type postgres from "postgres";

/**
 * A Postgres LISTEN that can be renewed. postgres.js issues LISTEN again by
 * itself when its listening connection drops, but only once: if the server
 * is still down at that moment the subscription is silently gone. `renew()`
 * (called when the database is back) drops whatever is left and listens
 * afresh, so exactly one subscription exists afterwards.
 *
 * @example const outbox = relistener(sql, "candor_outbox"); const stop = await outbox.listen(wake); await outbox.renew();
 */
export function relistener(sql: postgres.Sql | undefined, channel: string) {
  let onNotify: (() => void) | null = null;
  let current: { unlisten: () => Promise<void> } | null = null;

  async function subscribe(fn: () => void) {
    current = (await sql?.listen(channel, () => fn())) ?? null;
  }

  return {
    async listen(fn: () => void): Promise<() => Promise<void>> {
      onNotify = fn;
      await subscribe(fn);
      return async () => {
        onNotify = null;
        const was = current;
        current = null;
        await was?.unlisten();
      };
    },
    async renew(): Promise<void> {
      const fn = onNotify;
      if (!fn) return;
      const was = current;
      current = null;
      await was?.unlisten().catch(() => {});
      try {
        await subscribe(fn);
      } catch {
        // Down again already: the next recovery renews it.
      }
    },
  };
}
