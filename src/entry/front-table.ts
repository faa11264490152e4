import type { ServedRender } from "../app-env.ts";

/** The main thread's messages that change what the front may serve (ADR 0015). */
export type TableMessage =
  | { type: "entry"; id: number; entry: ServedRender }
  | { type: "table"; generation: number; deadlineMs: number; rows: [string, number][] };

/** What the front thread may serve, kept apart from its sockets so it can be tested without a thread. */
export type FrontTable = {
  /** A render (sent once) or a table of URL → render id. */
  receive: (m: TableMessage) => void;
  /** The app answered a request at this cache generation: serve nothing from an older table. */
  answered: (generation: number) => void;
  /** The render to answer `url` from at `nowMs`, or null (pass the request to the app). */
  find: (url: string, nowMs: number) => ServedRender | null;
};

/**
 * The front's copy of the serving table. A table holds until its deadline
 * (the main thread sends a new one well before), and not at all once an
 * answer from the app was made at a newer generation than it: after a write,
 * the writer's next read must not be served from what the table said before.
 *
 * @example const t = frontTable(); t.receive(entryMessage); t.receive(tableMessage); t.find("/", Date.now())
 */
export function frontTable(): FrontTable {
  const entries = new Map<number, ServedRender>();
  let table = new Map<string, ServedRender>();
  let tableGeneration = -1;
  let deadlineMs = 0;
  let newestSeen = -1;
  return {
    receive(m) {
      if (m.type === "entry") {
        entries.set(m.id, m.entry);
        return;
      }
      const next = new Map<string, ServedRender>();
      const used = new Set<number>();
      for (const [key, id] of m.rows) {
        const entry = entries.get(id);
        if (entry) {
          next.set(key, entry);
          used.add(id);
        }
      }
      // The main thread sends a render just before the first table that
      // uses it, and again if a table stopped using it: drop the rest.
      for (const id of entries.keys()) if (!used.has(id)) entries.delete(id);
      table = next;
      tableGeneration = m.generation;
      deadlineMs = m.deadlineMs;
    },
    answered(generation) {
      if (generation > newestSeen) newestSeen = generation;
    },
    find(url, nowMs) {
      if (tableGeneration < newestSeen || nowMs >= deadlineMs) return null;
      return table.get(url) ?? null;
    },
  };
}
