/**
 * A fixed-window counter per key, in memory: enough to stop one client from
 * flooding a form. Per process (and per isolate on Workers), so a limit of N
 * means at most N per process and window.
 */
export function createRateLimiter(options: { limit: number; windowMs: number; maxKeys?: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = options.maxKeys ?? 10_000;
  return {
    /** True when `key` may go on at `now`; counts the attempt. */
    allow(key: string, now: number): boolean {
      const current = windows.get(key);
      if (!current || now - current.start >= options.windowMs) {
        if (windows.size >= maxKeys) {
          for (const [k, w] of windows) if (now - w.start >= options.windowMs) windows.delete(k);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
        }
        windows.set(key, { start: now, count: 1 });
        return true;
      }
      current.count++;
      return current.count <= options.limit;
    },
    /** Seconds until `key` may try again. */
    retryAfter(key: string, now: number): number {
      const current = windows.get(key);
      return current ? Math.max(1, Math.ceil((current.start + options.windowMs - now) / 1000)) : 0;
    },
  };
}
