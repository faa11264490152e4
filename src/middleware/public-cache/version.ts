import type { Db } from "../../db/client.ts";
import { pageVersion } from "../../db/schema/index.ts";

/**
 * Reads the data version (page_version, bumped by triggers on every table the
 * public pages show), trusting one read for `ttlMs`; concurrent callers share one query.
 *
 * @example const versions = versionReader(1000, () => performance.now()); await versions.current(db)
 */
export function versionReader(ttlMs: number, monotonic: () => number) {
  let value = -1;
  let readAt = Number.NEGATIVE_INFINITY;
  let inflight: Promise<number> | null = null;
  return {
    async current(db: Db): Promise<number> {
      if (ttlMs > 0 && monotonic() - readAt < ttlMs) return value;
      inflight ??= (async () => {
        try {
          const started = monotonic();
          const [row] = await db.select({ version: pageVersion.version }).from(pageVersion);
          value = row?.version ?? 0;
          readAt = started;
          return value;
        } finally {
          inflight = null;
        }
      })();
      return inflight;
    },
    /** The version if the last read is still trusted, else null (no query). */
    peek(): number | null {
      return ttlMs > 0 && monotonic() - readAt < ttlMs ? value : null;
    },
    stale() {
      readAt = Number.NEGATIVE_INFINITY;
    },
  };
}
