export type LoopOptions = {
  /** One pass: everything due now. Its errors are logged, and the loop goes on. */
  pass: () => Promise<void>;
  /** The next times something falls due (null: nothing); the loop sleeps until the earliest. */
  nextDueAt: () => Promise<readonly (Date | null)[]>;
  clock: () => Date;
  /** The longest the loop sleeps with nothing due (a safety net, not polling). */
  maxSleepMs: number;
  log: (line: string) => void;
};

/** The shortest sleep between passes when something due is held elsewhere. */
const minRearmMs = 25;

export type Loop = ReturnType<typeof createLoop>;

/**
 * Runs passes one at a time: it sleeps until the next thing falls due, and
 * wakes early when told (`wake()`: a write here, or a NOTIFY from another
 * process). A wake-up during a pass runs one more pass rather than a second
 * alongside.
 */
export function createLoop(options: LoopOptions) {
  const { clock, log } = options;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pumping: Promise<void> | undefined;
  let again = false;
  /** When the last pass ended, and when the one under way began: what /readyz judges the loop by. */
  let lastPassAt: Date | null = null;
  let passStartedAt: Date | null = null;

  async function pump(): Promise<void> {
    do {
      again = false;
      passStartedAt = clock();
      try {
        await options.pass();
      } catch (err) {
        log(`engine pass failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      lastPassAt = clock();
      passStartedAt = null;
    } while (again && running);
    if (running) await arm();
  }

  async function arm(): Promise<void> {
    let delay = options.maxSleepMs;
    try {
      const due = await options.nextDueAt();
      const now = clock().getTime();
      for (const at of due) if (at) delay = Math.min(delay, at.getTime() - now);
    } catch {
      delay = 1000;
    }
    if (!running) return;
    clearTimeout(timer);
    // Anything due now was handled by the pass that just ran; a due time still
    // in the past means another process holds it, so look again shortly
    // rather than spinning.
    timer = setTimeout(wake, Math.max(minRearmMs, delay));
  }

  /** Runs a pass soon; a pass already running runs once more. */
  function wake(): void {
    if (!running) return;
    if (pumping) {
      again = true;
      return;
    }
    clearTimeout(timer);
    pumping = pump().finally(() => {
      pumping = undefined;
      // A wake-up that came while the pass was arming its timer must not wait
      // for that timer: run once more now.
      if (again && running) {
        again = false;
        wake();
      }
    });
  }

  return {
    wake,
    /** Whether it runs, when its last pass ended and when the one under way (if any) began. */
    state: () => ({ running, lastPassAt, passStartedAt }),
    async start(): Promise<void> {
      running = true;
      wake();
    },
    /** Stops sleeping, and waits for a pass under way to finish. */
    async stop(): Promise<void> {
      running = false;
      clearTimeout(timer);
      await pumping;
    },
  };
}
