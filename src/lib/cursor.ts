import { AppError } from "../errors.ts";

/**
 * Keyset cursors for list endpoints: a time and an id, as base64url of JSON,
 * so a cursor pasted into a query string needs no escaping ("+" would turn
 * into a space).
 *
 * @example decodeCursor(encodeCursor(new Date("2026-11-23T12:00:00Z"), "inc_1")) // { at: 2026-11-23T12:00:00.000Z, id: "inc_1" }
 */
export function encodeCursor(at: Date, id: string): string {
  return btoa(JSON.stringify([at.toISOString(), id]))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replaceAll("=", "");
}

/** The time and id in a cursor this API returned (standard base64 too); 400 naming `cursor` otherwise. */
export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [iso, id] = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/"))) as [unknown, unknown];
    if (typeof iso !== "string" || typeof id !== "string" || !/^[\w-]{1,64}$/.test(id)) throw new Error("bad cursor");
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) throw new Error("bad cursor");
    return { at, id };
  } catch {
    throw AppError.invalid([{ field: "cursor", message: "is not a cursor this API returned" }]);
  }
}
