/** What people see of the outbox: deliveries, their states and the channels'. */
export { type ChannelState, listChannelStates } from "./channel-states.ts";
export { countDeliveries } from "./counts.ts";
export { getDelivery } from "./get.ts";
export { type DeliveryListItem, listDeliveries } from "./list.ts";
export { retryDelivery } from "./retry.ts";
