import { openStatuses } from "../../domain/incidents.ts";
import { ok } from "../client.ts";
import { confirmDraft, updateBody } from "../confirm-post.ts";
import {
  askComponents,
  askEta,
  askImpact,
  askNextUpdate,
  askStatus,
  askText,
  incidentOptions,
} from "../incident-input.ts";
import { postedLines } from "../incident-print.ts";
import { zones } from "../page-zone.ts";
import { intro } from "../prompts.ts";
import { type Io, session } from "../session.ts";
import { applyTemplate } from "../template-fields.ts";

export const usage = `Usage: candor declare --title <t> --message <m> [--components api=major_outage,web]
         [--component-status <status>] [--status investigating|identified|monitoring]
         [--impact none|minor|major|critical] [--eta 45m|2h|15:30|unknown] [--next-update 20m|15:30]
         [--template <name>] [--tweet <text>] [--quiet twitter|email|webhook] [--yes] [--json]

Opens an incident. At a terminal it asks for what is missing (components from the live list),
shows what customers will get (the X post with its weighted length, the email, the page card)
and asks to confirm. Times such as 15:30 are in the page's time zone (PAGE_TIMEZONE).
A bare component slug takes --component-status (partial_outage when not given). --template fills
in what the template gives and the command line leaves out (\`candor templates list\`).`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("declare", argv, io, { ...incidentOptions, title: { type: "string", short: "t" } });
  if (s.positionals.length) throw s.usage(`declare takes no arguments: quote the title (--title "...")`);
  const z = await zones(s);
  if (s.interactive) intro("Declare an incident");
  if (s.values.template) await applyTemplate(s, s.values.template);
  const title = await askText(s, "title", s.values.title, "Title (customers read it)");
  const components = (await askComponents(s, true)) ?? {};
  const status = await askStatus(s, openStatuses);
  const impact = await askImpact(s);
  const message = await askText(s, "message", s.values.message, "Message (what customers are told)");
  const eta = await askEta(s, z, undefined, true, { impact, components });
  const { at: nextUpdateAt, ...next } = await askNextUpdate(s, z);
  const fields = { status, impact, message, components, eta, next, nextUpdateAt };
  await confirmDraft(s, {
    ...fields,
    page: z.page,
    incidentId: `inc_${"0".repeat(16)}`,
    first: true,
    title,
    current: null,
    tweet: s.values.tweet,
    startedAt: io.now(),
    missedEta: null,
  });
  const declared = await ok(s.api().POST("/api/v1/incidents", { body: { title, ...updateBody(s, fields) } }));
  s.print(declared, () => postedLines("Declared", declared.data, z, io.now(), declared.data.eta_advice));
}
