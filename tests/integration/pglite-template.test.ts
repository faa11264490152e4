// A first start copies the build's migrated PGlite data directory instead of
// running initdb and every migration (src/db/pglite-template.ts). The
// template is dist/pglite-template, which the tests' global setup builds.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { type OpenDatabase, openDatabase } from "../../src/db/open-node.ts";
import { pgliteTemplateDir, seedFromTemplate, templateStampFile } from "../../src/db/pglite-template.ts";
import { removeDir, tempDir } from "../support/candor-process.ts";

const dirs: string[] = [];
let opened: OpenDatabase | undefined;

afterEach(async () => {
  await opened?.close();
  opened = undefined;
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function scratch(): string {
  const dir = tempDir("candor-template-");
  dirs.push(dir);
  return dir;
}

async function count(db: OpenDatabase, query: string): Promise<number> {
  const result = (await db.db.execute(sql.raw(query))) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0].n);
}

describe("a new PGlite data directory from the build's template", () => {
  it("Should open a new data directory as a migrated copy with no admin key, and leave nothing beside it", async () => {
    const parent = scratch();
    const dataDir = join(parent, "pglite");
    opened = await openDatabase({ dataDir });
    expect(opened.fromTemplate).toBe(true);
    expect(
      await count(opened, "select count(*)::int as n from information_schema.tables where table_name = 'incidents'"),
    ).toBe(1);
    expect(await count(opened, "select count(*)::int as n from api_keys")).toBe(0);
    expect(readdirSync(parent)).toEqual(["pglite"]);
    expect(existsSync(join(dataDir, templateStampFile))).toBe(false);
  });

  it("Should reopen the copy as the same database, and not copy over it again", async () => {
    const dataDir = join(scratch(), "pglite");
    opened = await openDatabase({ dataDir });
    await opened.db.execute(
      sql`insert into components (id, slug, name, created_at, updated_at) values ('cmp_kept', 'api', 'API', now(), now())`,
    );
    await opened.close();
    opened = await openDatabase({ dataDir });
    expect(opened.fromTemplate).toBe(false);
    expect(await count(opened, "select count(*)::int as n from components where id = 'cmp_kept'")).toBe(1);
  });

  it("Should copy into a directory that exists but is empty", async () => {
    const dataDir = join(scratch(), "pglite");
    mkdirSync(dataDir);
    expect(await seedFromTemplate(dataDir)).toBe(true);
    expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
  });

  it("Should leave a directory that holds anything alone", async () => {
    const dataDir = join(scratch(), "pglite");
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, "notes.txt"), "mine");
    expect(await seedFromTemplate(dataDir)).toBe(false);
    expect(readdirSync(dataDir)).toEqual(["notes.txt"]);
  });

  it("Should not copy a template made by another PGlite version, nor one that is missing", async () => {
    const template = join(scratch(), "template");
    cpSync(pgliteTemplateDir, template, { recursive: true });
    writeFileSync(join(template, templateStampFile), JSON.stringify({ pglite: "0.0.1" }));
    const dataDir = join(scratch(), "pglite");
    expect(await seedFromTemplate(dataDir, template)).toBe(false);
    expect(await seedFromTemplate(dataDir, join(scratch(), "no-template"))).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("Should leave no partial copy behind when the copy fails", async () => {
    const parent = scratch();
    const dataDir = join(parent, "pglite");
    // Where the copy goes is taken by a file: copying a directory onto it fails.
    writeFileSync(`${dataDir}.partial-${process.pid}`, "in the way");
    await expect(seedFromTemplate(dataDir)).rejects.toThrow();
    expect(readdirSync(parent)).toEqual([]);
  });
});
