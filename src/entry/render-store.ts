import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RenderStore, SavedRender } from "../app-env.ts";

type OnDisk = Omit<SavedRender, "body"> & { body: string };

/**
 * Renders saved as files in `dir` (DATA_DIR/renders), one per URL, so that a
 * process started while the database is down (this one restarted, or another
 * on the same DATA_DIR) has the last pages to serve. Saving happens after the
 * response, one file at a time, written beside and renamed into place so a
 * reader never sees half a file; only the newest render of a URL waiting to
 * be written is kept.
 *
 * @example const store = fileRenderStore(join(dataDir, "renders"), console.error); publicCache({ renderStore: store })
 */
export function fileRenderStore(dir: string, log: (line: string) => void): RenderStore & { flushed(): Promise<void> } {
  const pending = new Map<string, SavedRender>();
  let writing: Promise<void> | null = null;
  let warned = false;

  const fileOf = (key: string) => join(dir, `${createHash("sha1").update(key).digest("hex")}.json`);

  async function drain() {
    await mkdir(dir, { recursive: true });
    for (const [key, render] of pending) {
      pending.delete(key);
      const file = fileOf(key);
      const onDisk: OnDisk = { ...render, body: Buffer.from(render.body).toString("base64") };
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(onDisk));
      await rename(temporary, file);
    }
  }

  function flush() {
    writing ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(drain)
      .catch((err: Error) => {
        // A full disk must not take the pages down: memory still serves them.
        if (!warned) log(`could not save a render to ${dir}: ${err.message}`);
        warned = true;
      })
      .finally(() => {
        writing = null;
        if (pending.size > 0) flush();
      });
    return writing;
  }

  return {
    save(render) {
      pending.set(render.key, render);
      void flush();
    },
    async load() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return [];
      }
      const found: SavedRender[] = [];
      for (const name of names.filter((n) => n.endsWith(".json"))) {
        try {
          const onDisk = JSON.parse(await readFile(join(dir, name), "utf8")) as OnDisk;
          found.push({ ...onDisk, body: new Uint8Array(Buffer.from(onDisk.body, "base64")) });
        } catch {
          // Half-written by a crashed writer of an older build, or not ours: skip it.
        }
      }
      return found;
    },
    async flushed() {
      while (writing) await writing;
    },
  };
}
