// The subscribers service: public signup and its links, the admin API with
// CSV import and export, and the directory the email, webhook and chat channels
// read recipients from and report outcomes to.

export { type AddedSubscriber, type AddSubscriberInput, addSubscriber } from "./add.ts";
export { componentEventSource } from "./component-events.ts";
export { componentIdsFor } from "./component-ids.ts";
export { confirmSubscription } from "./confirm.ts";
export { deleteSubscriber } from "./delete.ts";
export { subscriberDirectory } from "./directory.ts";
export { exportColumns, exportSubscribersCsv } from "./export-csv.ts";
export { findSubscriber } from "./find.ts";
export { takeSubscribeLimit } from "./form-limit.ts";
export { unsubscribeGoneWebhook } from "./gone.ts";
export { type ImportCounts, importSubscribers } from "./import-csv.ts";
export { subscriberLink } from "./links.ts";
export { type ListSubscribersInput, listSubscribers, type SubscriberPage } from "./list.ts";
export { pendingRecipients } from "./recipients.ts";
export { recordRecipientFailure } from "./record-failure.ts";
export { recordRecipientSuccess } from "./record-success.ts";
export { requestSubscription, type SubscriptionRequest } from "./request.ts";
export { type ChatSubscriptionRequest, requestChatSubscription } from "./request-chat.ts";
export * from "./rules.ts";
export * from "./types.ts";
export { unsubscribe } from "./unsubscribe.ts";
