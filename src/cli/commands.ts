import type { Io } from "./session.ts";

/** A command's module: one file under commands/, loaded only when it runs. */
export type CommandModule = { usage: string; run: (argv: string[], io: Io) => Promise<void> };

type Entry = { name: string; summary: string; load: () => Promise<CommandModule> };

/** Every command, in the order `candor --help` lists them. */
export const commands: Entry[] = [
  {
    name: "status",
    summary: "open incidents, their promises and the next one due; channels, dead deliveries, alerts",
    load: () => import("./commands/status.ts"),
  },
  {
    name: "declare",
    summary: "open an incident (asks for what is missing at a terminal)",
    load: () => import("./commands/declare.ts"),
  },
  { name: "update", summary: "post an update to an open incident", load: () => import("./commands/update.ts") },
  {
    name: "eta",
    summary: "revise an open incident's ETA (said out loud against the old one)",
    load: () => import("./commands/eta.ts"),
  },
  { name: "resolve", summary: "resolve an open incident", load: () => import("./commands/resolve.ts") },
  {
    name: "edit",
    summary: "correct a posted update's words or an incident's title, or hide an update (nobody is notified again)",
    load: () => import("./commands/edit.ts"),
  },
  {
    name: "maintenance schedule",
    summary: "schedule maintenance (offers the off-peak window on a peak-hour refusal)",
    load: () => import("./commands/maintenance-schedule.ts"),
  },
  {
    name: "maintenance list",
    summary: "list maintenance windows",
    load: () => import("./commands/maintenance-list.ts"),
  },
  {
    name: "maintenance complete",
    summary: "complete maintenance under way",
    load: () => import("./commands/maintenance-complete.ts"),
  },
  {
    name: "maintenance cancel",
    summary: "cancel maintenance that has not started",
    load: () => import("./commands/maintenance-cancel.ts"),
  },
  {
    name: "subscribers import",
    summary: "import email subscribers from a CSV file",
    load: () => import("./commands/subscribers-import.ts"),
  },
  {
    name: "subscribers export",
    summary: "export active email subscribers as CSV",
    load: () => import("./commands/subscribers-export.ts"),
  },
  {
    name: "deliveries list",
    summary: "list deliveries (dead ones by default)",
    load: () => import("./commands/deliveries-list.ts"),
  },
  { name: "deliveries retry", summary: "retry a dead delivery", load: () => import("./commands/deliveries-retry.ts") },
  { name: "keys create", summary: "create an API key (shown once)", load: () => import("./commands/keys-create.ts") },
  { name: "keys list", summary: "list API keys", load: () => import("./commands/keys-list.ts") },
  { name: "keys revoke", summary: "revoke an API key", load: () => import("./commands/keys-revoke.ts") },
  {
    name: "templates list",
    summary: "list incident templates",
    load: () => import("./commands/templates-list.ts"),
  },
  {
    name: "templates show",
    summary: "show one template",
    load: () => import("./commands/templates-show.ts"),
  },
  {
    name: "templates create",
    summary: "save a template for declare --template",
    load: () => import("./commands/templates-create.ts"),
  },
  {
    name: "templates edit",
    summary: "change a template's fields",
    load: () => import("./commands/templates-edit.ts"),
  },
  {
    name: "templates delete",
    summary: "delete a template",
    load: () => import("./commands/templates-delete.ts"),
  },
  {
    name: "login",
    summary: "check a key against a server and save both for later commands",
    load: () => import("./commands/login.ts"),
  },
];

/** The command named by the first one or two words, and the arguments after them. */
export function findCommand(argv: string[]): { entry: Entry; rest: string[] } | { group: string } | null {
  const two = `${argv[0]} ${argv[1]}`;
  const exact = commands.find((c) => c.name === two) ?? commands.find((c) => c.name === argv[0]);
  if (exact) return { entry: exact, rest: argv.slice(exact.name.split(" ").length) };
  if (commands.some((c) => c.name.startsWith(`${argv[0]} `))) return { group: argv[0] };
  return null;
}

/** `candor --help`, or one group's commands. */
export function overview(group?: string): string {
  const shown = group ? commands.filter((c) => c.name.startsWith(`${group} `)) : commands;
  const width = Math.max(...shown.map((c) => c.name.length));
  const lines = shown.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `Usage: candor ${group ?? "<command>"} ${group ? "<command> " : ""}[options]`,
    "",
    "Commands:",
    ...lines,
    "",
    "Every command takes --json (machine-readable output), --yes (no prompts) and --help.",
    "Configuration: CANDOR_URL and CANDOR_API_KEY, or `candor login`.",
    "Exit codes: 0 ok, 1 refused by the API (its message and field are printed) or not sent, 2 usage.",
  ].join("\n");
}
