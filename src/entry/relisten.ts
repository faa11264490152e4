import type postgres from "postgres";

/**
 * A Postgres LISTEN that can be renewed. postgres.js queues LISTEN again by
 * itself when its listening connection drops; whether that survives an
 * outage depends on its reconnect timing, and its re-subscription is a new
 * listener that the old `unlisten` cannot remove. So `renew()` (called when
 * the database is back) always listens afresh, and each subscription only
 * wakes while it is the newest: one wake-up per NOTIFY, whatever postgres.js did.
 *
 * @example const outbox = relistener(sql, "candor_outbox"); const stop = await outbox.listen(wake); await outbox.renew();
 */
export function relistener(sql: postgres.Sql | undefined, channel: string) {
  let onNotify: (() => void) | null = null;
  let generation = 0;
  const subscriptions: { unlisten: () => Promise<void> }[] = [];

  async function subscribe() {
    if (!sql) return;
    const mine = ++generation;
    const subscription = await sql.listen(channel, () => {
      if (mine === generation) onNotify?.();
    });
    subscriptions.push(subscription);
  }

  return {
    async listen(fn: () => void): Promise<() => Promise<void>> {
      onNotify = fn;
      await subscribe();
      return async () => {
        onNotify = null;
        generation++;
        await Promise.all(subscriptions.splice(0).map((s) => s.unlisten().catch(() => {})));
      };
    },
    async renew(): Promise<void> {
      if (!onNotify) return;
      const stale = subscriptions.splice(0);
      try {
        await subscribe();
      } catch {
        // Down again already: the next recovery renews it.
      }
      await Promise.all(stale.map((s) => s.unlisten().catch(() => {})));
    },
  };
}
