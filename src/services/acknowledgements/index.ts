// Automatic acknowledgements on X (LISTEN_AUTO_ACK, issue 16): one honest
// reply per person per incident, through the outbox, and the X channel's
// answer recorded.

export { type AcknowledgeInput, acknowledgeHeard, stopHint } from "./acknowledge.ts";
export { settleAck } from "./record.ts";
