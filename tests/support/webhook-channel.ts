import type { Channel } from "../../src/channels/types.ts";
import { createWebhookChannel } from "../../src/channels/webhook.ts";
import { guardedWebhookSend } from "../../src/channels/webhook-http.ts";
import { systemActor } from "../../src/services/context.ts";
import { findIncident } from "../../src/services/incidents/index.ts";
import {
  componentEventSource,
  subscriberDirectory,
  unsubscribeGoneWebhook,
} from "../../src/services/subscribers/index.ts";
import type { ChannelFactory } from "./app.ts";
import { stubResolver } from "./resolver.ts";

/**
 * The webhook channel wired as src/entry/channels.ts wires it (incident
 * updates, component events, 410 unsubscribes) and sending as the Node entry
 * sends (node:http, the address checked), to receivers on 127.0.0.1.
 *
 * @example await startTestApp(kind, { channels: (deps) => [localWebhookChannel(deps)] })
 */
export function localWebhookChannel({ db, config, clock }: Parameters<ChannelFactory>[0]): Channel {
  return createWebhookChannel({
    directory: subscriberDirectory(db, { publicUrl: config.publicUrl, channel: "webhook", type: "webhook" }),
    pageName: config.pageName,
    publicUrl: config.publicUrl,
    loadIncident: (id) => findIncident({ db, config, clock, actor: systemActor }, id),
    componentEvents: componentEventSource(db),
    unsubscribe: (id, now) => unsubscribeGoneWebhook(db, id, now),
    clock,
    timeoutMs: 2_000,
    allowPrivate: true,
    send: guardedWebhookSend({ allowPrivate: true, resolve: stubResolver() }),
  });
}
