import type { Context } from "hono";
import type { AppEnv } from "../env.ts";

/** The highest /history page a link or request may name. */
export const maxHistoryPage = 9999;

/**
 * `?page=`: absent means 1; anything but one whole number in range is
 * refused with words naming the parameter (returned as a string).
 *
 * @example parsePage(c) // 1, 2, … or 'page: must be a whole number from 1 to 9999 (got "x")'
 */
export function parsePage(c: Context<AppEnv>): number | string {
  const values = c.req.queries("page");
  if (!values) return 1;
  const value = values[0] ?? "";
  if (values.length === 1 && /^[1-9][0-9]{0,3}$/.test(value)) return Number(value);
  const shown = value.length > 20 ? `${value.slice(0, 20)}…` : value;
  return values.length > 1
    ? "page: give it once"
    : `page: must be a whole number from 1 to ${maxHistoryPage} (got "${shown}")`;
}
