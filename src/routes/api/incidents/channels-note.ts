import type { ChannelsNote } from "../../../services/corrections/index.ts";

/** What each channel's old copies mean for the engineer: what can still be done about them, in plain words. */
const notes: Record<string, string> = {
  twitter: "posted on X; X's API cannot edit a post (delete it by hand on X if it must go)",
  email: "sent by email; sent mail cannot be changed",
  webhook: "delivered to webhook subscribers with the old words",
  log: "written to Candor's log",
};

/**
 * The channels note every correction answers with, as JSON.
 *
 * @example channelsNoteJson({ withOldText: [{ channel: "twitter", count: 1 }], pending: [] }).channels_with_old_text[0].note
 */
export function channelsNoteJson(note: ChannelsNote) {
  return {
    channels_with_old_text: note.withOldText.map((c) => ({
      ...c,
      note: notes[c.channel] ?? "delivered with the old words",
    })),
    pending_channels: note.pending,
  };
}
