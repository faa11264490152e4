import { inArray } from "drizzle-orm";
import type { SubscriberDirectory } from "../../channels/types.ts";
import type { Db } from "../../db/client.ts";
import { components } from "../../db/schema/index.ts";
import { findSubscriber } from "./find.ts";
import { subscriberLink } from "./links.ts";
import { pendingRecipients } from "./recipients.ts";
import { recordRecipientFailure } from "./record-failure.ts";
import { recordRecipientSuccess } from "./record-success.ts";
import type { SubscriberType } from "./types.ts";

/**
 * The database behind a subscriber channel (email, webhooks). The entry
 * builds it, so the channels reach subscribers without knowing the database.
 */
export function subscriberDirectory(
  db: Db,
  options: { publicUrl: string; channel: string; type: SubscriberType },
): SubscriberDirectory {
  return {
    pending: (update, afterId, limit) => pendingRecipients(db, update, options.channel, options.type, afterId, limit),
    failed: (id, message, now) => recordRecipientFailure(db, id, message, now),
    succeeded: (id, now) => recordRecipientSuccess(db, id, now),
    find: (id) => findSubscriber(db, id),
    link: (id, purpose, now) => subscriberLink(db, options.publicUrl, id, purpose, now),
    async componentNames(ids) {
      if (!ids.length) return [];
      const rows = await db
        .select({ id: components.id, name: components.name })
        .from(components)
        .where(inArray(components.id, ids));
      // In the order asked for; a component gone since is left out.
      return ids.map((id) => rows.find((r) => r.id === id)?.name ?? "");
    },
  };
}
