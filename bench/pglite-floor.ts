// The floor under a PGlite start on this machine, for bench/startup.ts: Node
// opening DATA_DIR/pglite with PGlite (Candor's start parameters) and
// answering GET /readyz with 200, and nothing else. Candor's reopened-PGlite
// start is measured against it in the same run, so a slow machine shows as a
// slow floor rather than as a slow Candor.
import { createServer } from "node:http";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";

const db = await PGlite.create({
  dataDir: join(process.env.DATA_DIR as string, "pglite"),
  startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"],
});
await db.query("select 1");
const server = createServer((_req, res) => res.end("ok"));
server.listen(Number(process.env.PORT), process.env.HOST, () => {
  console.log(`ready in ${Math.round(performance.now())} ms`);
});
process.on("SIGTERM", () => {
  server.close();
  void db.close().then(() => process.exit(0));
});
