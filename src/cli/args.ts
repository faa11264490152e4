import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./errors.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Flags every command takes. */
export const commonOptions = {
  json: { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

/**
 * Parses one command's arguments with node's util.parseArgs (strict: an
 * unknown flag or a missing value is a usage error, exit 2), taking the
 * common flags too.
 *
 * @example const { values, positionals } = parseCommand("resolve", argv, { message: { type: "string", short: "m" } })
 */
export function parseCommand<T extends Options>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: { ...commonOptions, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    // node's messages go on with advice on `--`: the first sentence says what is wrong.
    throw new UsageError(err instanceof Error ? err.message.split(/\.( |$)/)[0] : String(err), command);
  }
}

/** The positional arguments a command wants, exactly: too few or too many is a usage error. */
export function positionals(command: string, given: string[], names: string[], optional = 0): string[] {
  if (given.length < names.length - optional || given.length > names.length) {
    throw new UsageError(`expected ${names.map((n) => `<${n}>`).join(" ") || "no arguments"}`, command);
  }
  return given;
}

/** One of a fixed set, or a usage error naming the flag and the choices. */
export function oneOf<T extends string>(
  command: string,
  flag: string,
  value: string | undefined,
  choices: readonly T[],
) {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${choices.join(", ")}`, command);
  }
  return value as T;
}
