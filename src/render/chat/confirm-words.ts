import type { ChatConfirmation } from "./types.ts";

/** The confirmation's words, shared by every platform; each escapes them its own way. */
export function confirmationWords(c: ChatConfirmation) {
  return {
    title: `Confirm updates from ${c.pageName}`,
    asked: `Someone asked for ${c.pageName}'s status updates in this channel.`,
    scope: c.components.length ? `Components: ${c.components.join(", ")}` : "All components",
    button: "Confirm subscription",
    ignore: "If you did not ask for this, ignore this message: nothing more will be posted here.",
  };
}
