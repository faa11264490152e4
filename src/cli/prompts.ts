import * as clack from "@clack/prompts";
import { Stopped } from "./errors.ts";

// Every prompt goes through here: Ctrl-C or Escape at any of them stops the
// command with nothing sent (exit 1), in one place.

function answered<T>(value: T): Exclude<T, symbol> {
  if (clack.isCancel(value)) {
    clack.cancel("Cancelled: nothing was sent.");
    throw new Stopped("cancelled: nothing was sent");
  }
  return value as Exclude<T, symbol>;
}

type AskOptions = { placeholder?: string; initial?: string };

/** A line of text, not empty. */
export function ask(message: string, options: AskOptions = {}): Promise<string> {
  return askAs(message, (text) => text, options);
}

/** A line of text that `parse` turns into the value, saying what is wrong when it cannot. */
export async function askAs<T>(
  message: string,
  parse: (text: string) => T | Error,
  options: AskOptions = {},
): Promise<T> {
  const text = answered(
    await clack.text({
      message,
      placeholder: options.placeholder,
      initialValue: options.initial,
      validate: (v) => {
        if (!v?.trim()) return "required";
        const parsed = parse(v.trim());
        return parsed instanceof Error ? parsed.message : undefined;
      },
    }),
  );
  return parse(text.trim()) as T;
}

export async function choose<T extends string>(
  message: string,
  options: { value: T; label: string; hint?: string }[],
  initial?: T,
): Promise<T> {
  return answered(await clack.select<T>({ message, options: options as never, initialValue: initial }));
}

export async function chooseMany<T extends string>(
  message: string,
  options: { value: T; label: string; hint?: string }[],
  initial: T[] = [],
): Promise<T[]> {
  return answered(
    await clack.multiselect<T>({ message, options: options as never, initialValues: initial, required: false }),
  );
}

export async function confirm(message: string, initial = true): Promise<boolean> {
  return answered(await clack.confirm({ message, initialValue: initial }));
}

export const note = (text: string, title?: string) => clack.note(text, title);
export const intro = (text: string) => clack.intro(text);
export const outro = (text: string) => clack.outro(text);
