import type { ParseArgsConfig } from "node:util";
import { parseCommand } from "./args.ts";
import { type Api, apiClient } from "./client.ts";
import { UsageError } from "./errors.ts";
import { connection } from "./settings.ts";

/** What a command is run with: the process's surroundings, passed in so each piece can be told apart in tests. */
export type Io = {
  env: NodeJS.ProcessEnv;
  /** Both ends are terminals: prompts may be shown. */
  tty: boolean;
  /** The terminal's width, when it is one. */
  columns?: number;
  now: () => Date;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => Promise<string>;
};

/** One command's parsed arguments and how to answer. */
export type Session<V> = {
  command: string;
  values: V;
  positionals: string[];
  json: boolean;
  /** Prompts may be shown: a terminal, and neither --yes nor --json. */
  interactive: boolean;
  io: Io;
  /** The typed API client for CANDOR_URL/CANDOR_API_KEY or the saved login; a usage error when there is none. */
  api: () => Api;
  /** Prints `data` as JSON with --json, else the human lines. */
  print: (data: unknown, human: () => string) => void;
  /** A usage error (exit 2) for this command. */
  usage: (message: string) => UsageError;
};

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a command's arguments and gives it what it needs to answer.
 *
 * @example const s = session("resolve", argv, io, { message: { type: "string", short: "m" } });
 */
export function session<T extends Options>(command: string, argv: string[], io: Io, options: T) {
  const { values, positionals } = parseCommand(command, argv, options);
  const common = values as { json?: boolean; yes?: boolean };
  const json = common.json === true;
  let api: Api | undefined;
  return {
    command,
    values,
    positionals,
    json,
    interactive: io.tty && !json && common.yes !== true,
    io,
    api: () => {
      api ??= apiClient(connection(io.env));
      return api;
    },
    print: (data, human) => io.stdout(json ? JSON.stringify(data, null, 2) : human()),
    usage: (message) => new UsageError(message, command),
  } satisfies Session<typeof values>;
}

/** Requires a value when prompts cannot be shown: the flag names what to pass. */
export function required<T>(
  s: { interactive: boolean; usage: (m: string) => UsageError },
  value: T | undefined,
  flag: string,
): T | undefined {
  if (value === undefined && !s.interactive)
    throw s.usage(`--${flag} is required without a terminal (or with --yes/--json)`);
  return value;
}
