import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { UsageError } from "./errors.ts";

/** Where Candor is and the key to use. */
export type Connection = { url: string; key: string };

/** `$XDG_CONFIG_HOME/candor/config.json`, or `~/.config/candor/config.json`. */
export function settingsPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME?.trim() || join(env.HOME?.trim() || homedir(), ".config");
  return join(base, "candor", "config.json");
}

function readSaved(env: NodeJS.ProcessEnv): Partial<Connection> {
  try {
    const saved = JSON.parse(readFileSync(settingsPath(env), "utf8"));
    return typeof saved === "object" && saved ? { url: saved.url, key: saved.key } : {};
  } catch {
    return {};
  }
}

/** A base URL without a trailing slash; a usage error when it is not http(s). */
export function normalizeUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`not a URL: ${text}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`not an http(s) URL: ${text}`);
  return url.href.replace(/\/+$/, "");
}

/**
 * The connection: CANDOR_URL and CANDOR_API_KEY when set (each on its own),
 * else what `candor login` saved. Neither is a usage error that says how.
 */
export function connection(env: NodeJS.ProcessEnv): Connection {
  const saved = readSaved(env);
  const url = env.CANDOR_URL?.trim() || saved.url;
  const key = env.CANDOR_API_KEY?.trim() || saved.key;
  if (!url || !key) {
    throw new UsageError(
      `no ${url ? "API key" : "Candor URL"}: set CANDOR_URL and CANDOR_API_KEY, or run \`candor login\``,
    );
  }
  return { url: normalizeUrl(url), key };
}

/** Saves the connection for later commands, readable by this user only (0600, in a 0700 folder). */
export function saveConnection(env: NodeJS.ProcessEnv, conn: Connection): string {
  const path = settingsPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(conn, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync's mode applies only when it creates the file: an older one keeps its mode otherwise.
  chmodSync(path, 0o600);
  return path;
}
