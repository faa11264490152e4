/**
 * Stands in for postgres.js's logical-replication client (subscribe.js, 4.4 KB
 * minified) in the Workers bundle (wrangler.toml [alias]). postgres.js builds
 * it with every client but connects only when `sql.subscribe()` is called,
 * which Candor never does: the stub leaves `sql.subscribe` refusing, and has
 * no `.sql` for `sql.end()` to close.
 */
export default function noSubscribe(): () => never {
  return () => {
    throw new Error("sql.subscribe (logical replication) is not built into the Workers bundle");
  };
}
