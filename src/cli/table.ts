/**
 * Rows as aligned columns for a terminal, the header first.
 *
 * @example table(["id", "name"], [["key_1", "bot"]]) // "id     name\nkey_1  bot"
 */
export function table(header: string[], rows: string[][]): string {
  if (rows.length === 0) return "(none)";
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  return all
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : (cell ?? "").padEnd(widths[i]))).join("  "))
    .join("\n");
}

/** A timestamp as a short UTC time for tables; "-" for none. */
export function shortTime(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")}Z` : "-";
}
