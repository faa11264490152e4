import { apiClient, ok } from "../client.ts";
import { ask, note } from "../prompts.ts";
import { type Io, required, session } from "../session.ts";
import { normalizeUrl, saveConnection } from "../settings.ts";

export const usage = `Usage: candor login [--url <url>] [--key <key>] [--json]

Checks the key against the server (any live key may list the components; a
wrong or revoked one is refused and nothing is saved), then saves the URL and key to $XDG_CONFIG_HOME/candor/config.json
(~/.config/candor/config.json), readable by you only (mode 0600).
At a terminal it asks for what is missing; the key is read from CANDOR_API_KEY
when set, so it need not be on the command line.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("login", argv, io, { url: { type: "string" }, key: { type: "string" } });
  const urlText =
    required(s, s.values.url ?? io.env.CANDOR_URL?.trim(), "url") ??
    (await ask("Candor URL", { placeholder: "https://status.example.com" }));
  const url = normalizeUrl(urlText);
  const key =
    required(s, s.values.key ?? io.env.CANDOR_API_KEY?.trim(), "key") ??
    (await ask("API key", { placeholder: "cnd_..." }));
  // Any live key may read the components: a wrong or revoked key gets 401 here, and nothing is saved.
  const components = await ok(apiClient({ url, key }).GET("/api/v1/components"));
  const path = saveConnection(io.env, { url, key });
  const answer = { url, saved_to: path, components: components.data.length };
  s.print(answer, () => `Logged in to ${url} (${components.data.length} components). Saved to ${path} (mode 0600).`);
  if (s.interactive) note("Later commands use it unless CANDOR_URL or CANDOR_API_KEY is set.");
}
