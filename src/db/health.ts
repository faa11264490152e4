import { isDatabaseUnavailable } from "./unavailable.ts";

export type DatabaseHealth = {
  /** True while the database is known to be unreachable: reads serve saved renders, writes get 503. */
  isDown(): boolean;
  /** When it went down (wall clock), or null while up. */
  downSince(): Date | null;
  /** Records a failure: a connection-class error has it probed at once, and marked down if the probe fails too. Returns whether it was one. */
  report(err: unknown): boolean;
  /** Marks it down with no error in hand (a process that starts while the database is down). */
  markDown(): void;
  /** Probes now, without waiting: a dropped connection may mean the server went away. */
  check(): void;
  /** Runs `fn` each time the database comes back (re-LISTEN, wake the engine). */
  onRecover(fn: () => void): void;
  /** Stops probing (shutdown). */
  close(): void;
};

export type HealthOptions = {
  /** One cheap round trip that throws while the database is unreachable. */
  probe: () => Promise<unknown>;
  /** How often to probe while down. */
  probeIntervalMs?: number;
  clock?: () => Date;
  log?: (line: string) => void;
  /** Timers, injectable so tests drive the probe by hand. */
  schedule?: (fn: () => void, ms: number) => { cancel(): void };
};

const realSchedule = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  // Probing must never keep a process alive that is otherwise done.
  (t as { unref?: () => void }).unref?.();
  return { cancel: () => clearTimeout(t) };
};

/**
 * The database's health as this process sees it. A connection-class error
 * confirmed by a probe marks it down; from then on it is probed every `probeIntervalMs` in the
 * background, so that no request waits on a dead database, and the first
 * probe that answers marks it up again and runs the recovery hooks.
 *
 * @example const health = databaseHealth({ probe: () => db.execute(sql`select 1`) }); health.report(err)
 */
export function databaseHealth(options: HealthOptions): DatabaseHealth {
  const interval = options.probeIntervalMs ?? 500;
  const clock = options.clock ?? (() => new Date());
  const schedule = options.schedule ?? realSchedule;
  const recovered: (() => void)[] = [];
  let since: Date | null = null;
  let timer: { cancel(): void } | null = null;
  let closed = false;
  let checking = false;

  function arm() {
    if (closed || timer) return;
    timer = schedule(() => void probeOnce(), interval);
  }

  async function probeOnce() {
    try {
      await options.probe();
    } catch (err) {
      timer = null;
      // A probe that fails for another reason (a migration error) stops
      // nothing: the database answered, but keep trying what failed.
      if (!isDatabaseUnavailable(err)) options.log?.(`database probe: ${err instanceof Error ? err.message : err}`);
      arm();
      return;
    }
    timer = null;
    if (since === null) return;
    const down = since;
    since = null;
    options.log?.(`database reachable again after ${Math.round((clock().getTime() - down.getTime()) / 1000)} s`);
    for (const fn of recovered) {
      try {
        fn();
      } catch (err) {
        options.log?.(`after database recovery: ${err instanceof Error ? err.message : err}`);
      }
    }
  }

  function check() {
    if (closed || since !== null || checking) return;
    checking = true;
    options
      .probe()
      .catch((err) => {
        if (isDatabaseUnavailable(err)) markDown();
      })
      .finally(() => {
        checking = false;
      });
  }

  function markDown() {
    // Our own shutdown closes the connections: that is not an outage.
    if (closed) return;
    if (since === null) {
      since = clock();
      options.log?.("database unreachable: serving saved pages, refusing writes with 503 until it answers");
    }
    arm();
  }

  return {
    isDown: () => since !== null,
    downSince: () => since,
    report(err) {
      if (!isDatabaseUnavailable(err)) return false;
      // One failed query may be a connection that died with the last outage,
      // or a query begun before the recovery: a probe decides, so the state
      // does not flap back to down just after coming up.
      check();
      return true;
    },
    markDown,
    check,
    onRecover(fn) {
      recovered.push(fn);
    },
    close() {
      closed = true;
      timer?.cancel();
      timer = null;
    },
  };
}

/**
 * A health state that never goes down, for runtimes where nothing runs
 * between requests (Workers: each invocation opens its own connection, and a
 * probe could not run in between). Every request tries the database; a render
 * that fails on it still falls back to the previous one.
 *
 * @example createApp({ db, config, dbHealth: passiveHealth() })
 */
export function passiveHealth(): DatabaseHealth {
  return {
    isDown: () => false,
    downSince: () => null,
    report: (err) => isDatabaseUnavailable(err),
    markDown() {},
    check() {},
    onRecover() {},
    close() {},
  };
}
