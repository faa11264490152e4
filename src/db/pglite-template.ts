import { constants, cpSync } from "node:fs";
import { readdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A migrated, empty PGlite data directory made at build time
 * (scripts/build-pglite-template.ts): dist/pglite-template, one level up from
 * this file in the bundle, or dist/ at the repository's root from src/db.
 */
export const pgliteTemplateDir = fileURLToPath(
  new URL(import.meta.url.endsWith(".ts") ? "../../dist/pglite-template" : "./pglite-template", import.meta.url),
);

/** The file in the template that says which PGlite made it; not copied. */
export const templateStampFile = "candor-template.json";

export type TemplateStamp = { pglite: string };

/** The version of the PGlite package this process loads: a data directory is only known to open on the one that made it. */
export async function installedPgliteVersion(): Promise<string> {
  // createRequire rather than import.meta.resolve, which the tests' module runner lacks.
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const manifest = JSON.parse(await readFile(join(dirname(entry), "..", "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

/**
 * Starts a new PGlite data directory as a copy of the build's template,
 * so that a first start does not run initdb and every migration (4 to 5 s
 * of a 5 to 7 s start, BENCHMARKS.md "Startup"). Leaves everything else
 * alone and answers false: a directory that holds anything already, a
 * template missing (a build without one) or made by another PGlite version;
 * PGlite then creates the directory itself, as it always did. The copy is
 * made beside the directory and renamed into place, so a crash part-way
 * leaves no half directory that looks like a database. Migrations newer
 * than the template are applied after, as on any start.
 */
export async function seedFromTemplate(dataDir: string, templateDir = pgliteTemplateDir): Promise<boolean> {
  const existing = await readdir(dataDir).catch(() => null);
  if (existing && existing.length > 0) return false;
  const stamp = await readFile(join(templateDir, templateStampFile), "utf8")
    .then((text) => JSON.parse(text) as TemplateStamp)
    .catch(() => null);
  if (!stamp || stamp.pglite !== (await installedPgliteVersion())) return false;
  const partial = `${dataDir}.partial-${process.pid}`;
  try {
    // Synchronous: fs.promises.cp sends each of the thousand files' steps through the thread pool,
    // 2.1 to 2.6 s here against 0.25 to 0.5 s. A copy-on-write clone where the file system has one.
    cpSync(templateDir, partial, {
      recursive: true,
      mode: constants.COPYFILE_FICLONE,
      filter: (source) => source !== join(templateDir, templateStampFile),
    });
    if (existing) await rmdir(dataDir);
    await rename(partial, dataDir);
    return true;
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  }
}
