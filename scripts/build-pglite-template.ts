// Makes dist/pglite-template: an empty PGlite data directory with every
// migration applied, which a first start copies instead of running initdb
// and the migrations (src/db/pglite-template.ts). Runs after the bundle is
// built (scripts/build.ts); rebuilt only when PGlite or drizzle/ changed,
// so a build that changed neither costs a hash of the migrations.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { migrationsFolder, openDatabase } from "../src/db/open-node.ts";
import { installedPgliteVersion, pgliteTemplateDir, templateStampFile } from "../src/db/pglite-template.ts";

const pglite = await installedPgliteVersion();
const migrations = createHash("sha256");
for (const name of readdirSync(migrationsFolder, { recursive: true, encoding: "utf8" }).sort()) {
  const path = join(migrationsFolder, name);
  if (name.endsWith(".sql") || name.endsWith(".json")) migrations.update(name).update(readFileSync(path));
}
const stamp = { pglite, migrations: migrations.digest("hex") };
const stampPath = join(pgliteTemplateDir, templateStampFile);
const current = existsSync(stampPath) ? readFileSync(stampPath, "utf8") : "";

if (current !== JSON.stringify(stamp)) {
  const started = performance.now();
  const partial = `${pgliteTemplateDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  // Not from the old template: initdb, then every migration.
  const database = await openDatabase({ dataDir: partial, template: null });
  await database.close();
  writeFileSync(join(partial, templateStampFile), JSON.stringify(stamp));
  rmSync(pgliteTemplateDir, { recursive: true, force: true });
  renameSync(partial, pgliteTemplateDir);
  console.log(`build: PGlite template for a first start in ${Math.round(performance.now() - started)} ms`);
}
