#!/usr/bin/env node
// The `candor` command (package.json `bin`, bundled into dist/cli/ by
// scripts/build-cli.ts). It talks to a Candor server over HTTP only: the
// commands are in src/cli/, one per file, each loaded when it runs.
import { text } from "node:stream/consumers";
import { findCommand, overview } from "../cli/commands.ts";
import { ApiRefusal, exitCodes, Stopped, UsageError } from "../cli/errors.ts";
import type { Io } from "../cli/session.ts";

const io: Io = {
  env: process.env,
  tty: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  columns: process.stdout.columns,
  now: () => new Date(),
  stdout: (s) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`),
  stderr: (s) => process.stderr.write(s.endsWith("\n") ? s : `${s}\n`),
  stdin: () => text(process.stdin),
};

const wantsHelp = (args: string[]) => args.includes("--help") || args.includes("-h");

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "help" || (argv[0].startsWith("-") && wantsHelp([argv[0]]))) {
    io.stdout(overview());
    return argv.length === 0 ? exitCodes.usage : exitCodes.ok;
  }
  const found = findCommand(argv);
  if (!found) throw new UsageError(`unknown command: ${argv[0]}`);
  if ("group" in found) {
    if (wantsHelp(argv.slice(1)) || argv.length === 1) {
      io.stdout(overview(found.group));
      return argv.length === 1 ? exitCodes.usage : exitCodes.ok;
    }
    throw new UsageError(`unknown command: ${argv.slice(0, 2).join(" ")}`, found.group);
  }
  const command = await found.entry.load();
  if (wantsHelp(found.rest)) {
    io.stdout(command.usage);
    return exitCodes.ok;
  }
  await command.run(found.rest, io);
  return exitCodes.ok;
}

/** Prints why a command did not go through and picks its exit code. */
function report(err: unknown, json: boolean): number {
  if (err instanceof UsageError) {
    io.stderr(`candor: ${err.message}\nSee \`candor ${err.command ?? ""}${err.command ? " " : ""}--help\`.`);
    return exitCodes.usage;
  }
  if (err instanceof ApiRefusal) {
    if (json) io.stdout(JSON.stringify(err.body, null, 2));
    const { code, message, details } = err.body.error;
    const fields = (details ?? []).map((d) => `  ${d.field}: ${d.message}`).filter((l) => l.trim() !== message);
    io.stderr([`Refused by Candor (${err.status} ${code}): ${message}`, ...fields].join("\n"));
    return exitCodes.refused;
  }
  if (err instanceof Stopped) {
    io.stderr(`candor: ${err.message}`);
    return exitCodes.refused;
  }
  io.stderr(`candor: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return exitCodes.refused;
}

const argv = process.argv.slice(2);
process.exitCode = await main(argv).catch((err) => report(err, argv.includes("--json")));
