import type { Db } from "../../db/client.ts";
import { pageVersion } from "../../db/schema/index.ts";

export type VersionReader = ReturnType<typeof versionReader>;

/**
 * Reads the data version (page_version, bumped by triggers on every table the
 * public pages show). Once a value is known, a read older than `ttlMs` is
 * refreshed in the background while requests go on with the last value
 * (stale-while-revalidate): a slow or dead database never holds up a read.
 * Only a write through this process (`stale()`) or a first read makes a
 * request wait for the database. Concurrent callers share one query;
 * `onError` hears of a failed background read.
 *
 * @example const versions = versionReader(1000, () => performance.now()); await versions.current(db)
 */
export function versionReader(
  ttlMs: number,
  monotonic: () => number,
  onError: (err: unknown) => void = () => {},
  /** Hears of a new value, and of stale(): what a front thread serves by must change with it. */
  onChange: () => void = () => {},
) {
  let value = -1;
  let readAt = Number.NEGATIVE_INFINITY;
  /** A write here changed the data: the next request must see it, so it waits for one read. */
  let invalidated = false;
  let inflight: Promise<number> | null = null;
  let lastDb: Db | null = null;

  function read(db: Db): Promise<number> {
    inflight ??= (async () => {
      try {
        const started = monotonic();
        const wasInvalidated = invalidated;
        const [row] = await db.select({ version: pageVersion.version }).from(pageVersion);
        const previous = value;
        value = row?.version ?? 0;
        readAt = started;
        // A write that landed while this read was in flight still counts.
        if (wasInvalidated) invalidated = false;
        if (value !== previous || wasInvalidated) onChange();
        return value;
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

  function refreshInBackground(db: Db) {
    if (inflight) return;
    read(db).catch(onError);
  }

  const usable = () => ttlMs > 0 && value >= 0 && !invalidated;
  const expired = () => monotonic() - readAt >= ttlMs;

  return {
    /** The version to serve by: the last known one (refreshed behind the scenes when old), or one read now. */
    async current(db: Db): Promise<number> {
      lastDb = db;
      if (usable()) {
        if (expired()) refreshInBackground(db);
        return value;
      }
      return read(db);
    },
    /**
     * The version the Node fast path may answer by, or null when a request
     * must wait for a read (none yet, or a write here made it stale). An old
     * value is still returned, and refreshed in the background.
     */
    peek(): number | null {
      if (!usable()) return null;
      if (expired() && lastDb) refreshInBackground(lastDb);
      return value;
    },
    /** The last version read, whatever its age (-1 before the first). */
    last: () => value,
    stale() {
      invalidated = true;
      onChange();
    },
  };
}
