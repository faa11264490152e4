import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatKind, chatConfirmationBody, chatKinds, chatUpdateBody } from "../../src/render/chat/index.ts";
import { type ChatReceivers, startChatReceivers } from "../support/chat-receivers.ts";
import { hostile, longText, sampleUpdate } from "../support/chat-samples.ts";
import { readAnswer } from "../support/http.ts";

let chat: ChatReceivers;
beforeAll(async () => {
  chat = await startChatReceivers();
});
afterAll(() => chat.close());

// Each test posts to its own path, so none sees another's messages or modes.
let n = 0;
const path = (kind: ChatKind) => `/${kind}/hook-${++n}`;

async function post(url: string, body: unknown) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return readAnswer(await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: raw }));
}

/** How each platform says "posted". */
const success: Record<ChatKind, (a: Awaited<ReturnType<typeof post>>) => void> = {
  slack: (a) => expect([a.status, a.text]).toEqual([200, "ok"]),
  teams: (a) => expect(a.status).toBe(202),
  discord: (a) => expect(a.status).toBe(204),
  google_chat: (a) => {
    expect(a.status).toBe(200);
    expect(a.json.name).toMatch(/^spaces\/[^/]+\/messages\//);
  },
  mattermost: (a) => expect([a.status, a.text]).toEqual([200, "ok"]),
};

const updates = {
  plain: sampleUpdate(),
  automatic: sampleUpdate({
    automatic: true,
    status: "resolved",
    impact: "major",
    promise: "Resolved after 47 minutes.",
  }),
  long: sampleUpdate({
    incidentTitle: longText(400),
    message: longText(60_000),
    components: Array.from({ length: 300 }, (_, i) => ({ name: `Region ${i} 🏳️‍🌈`, status: "partial_outage" })),
  }),
  hostile: sampleUpdate({
    pageName: hostile,
    incidentTitle: hostile,
    message: hostile,
    components: [{ name: hostile, status: "major_outage" }],
  }),
  noComponents: sampleUpdate({ components: [], message: "", promise: "" }),
};

describe.each(chatKinds)("%s receiver", (kind) => {
  it.each(Object.keys(updates))("accepts the rendered %s update", async (name) => {
    const p = path(kind);
    success[kind](await post(chat.url + p, chatUpdateBody(kind, updates[name as keyof typeof updates])));
    expect(chat.to(p).map((r) => r.accepted)).toEqual([true]);
  });

  it("accepts the rendered confirmation", async () => {
    const p = path(kind);
    const c = {
      pageName: hostile,
      pageUrl: "https://status.acme.test",
      confirmUrl: "https://status.acme.test/confirm?t=abc",
      components: ["API"],
    };
    success[kind](await post(chat.url + p, chatConfirmationBody(kind, c)));
    success[kind](await post(chat.url + p, chatConfirmationBody(kind, { ...c, components: [] })));
  });

  it("refuses a body that is not JSON", async () => {
    const a = await post(chat.url + path(kind), "{not json");
    expect(a.status).toBe(400);
  });
});

describe("refusals in each platform's words", () => {
  it("Slack: invalid_payload, no_text, invalid_blocks", async () => {
    const url = chat.url + path("slack");
    expect((await post(url, "[1,2]")).text).toBe("invalid_payload");
    expect(await post(url, {})).toMatchObject({ status: 400, text: "no_text" });
    const header = { type: "header", text: { type: "plain_text", text: "x".repeat(151) } };
    expect(await post(url, { text: "t", blocks: [header] })).toMatchObject({ status: 400, text: "invalid_blocks" });
    const section = { type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } };
    expect((await post(url, { blocks: [section] })).text).toBe("invalid_blocks");
    const many = Array.from({ length: 51 }, () => ({ type: "divider" }));
    expect((await post(url, { text: "t", blocks: many })).text).toBe("invalid_blocks");
    expect((await post(url, { text: "t", blocks: [{ type: "marquee" }] })).text).toBe("invalid_blocks");
    expect((await post(url, { text: "t", attachments: [{ color: "#fff", blocks: [{ type: "section" }] }] })).text).toBe(
      "invalid_blocks",
    );
  });

  it("Discord: empty message, Invalid Form Body with nested field errors, embed over 6,000", async () => {
    const url = chat.url + path("discord");
    expect((await post(url, "{")).json).toEqual({ message: "The request body contains invalid JSON.", code: 50109 });
    expect(await post(url, {})).toMatchObject({
      status: 400,
      json: { code: 50006, message: "Cannot send an empty message" },
    });
    const long = await post(url, { embeds: [{ title: "t", description: "x".repeat(4097) }] });
    expect(long.status).toBe(400);
    expect(long.json).toMatchObject({ code: 50035, message: "Invalid Form Body" });
    expect(long.json.errors.embeds["0"].description._errors[0]).toEqual({
      code: "BASE_TYPE_MAX_LENGTH",
      message: "Must be 4096 or fewer in length.",
    });
    const fields = Array.from({ length: 5 }, () => ({ name: "n", value: "v".repeat(1000) }));
    const big = await post(url, { embeds: [{ title: "t", description: "x".repeat(2000), fields }] });
    expect(big.json.errors.embeds["0"]._errors[0].code).toBe("MAX_EMBED_SIZE_EXCEEDED");
    const color = await post(url, { embeds: [{ title: "t", color: 0x1000000 }] });
    expect(color.json.errors.embeds["0"].color).toBeDefined();
  });

  it("Discord: ?wait=true answers 200 with the message", async () => {
    const a = await post(`${chat.url}${path("discord")}?wait=true`, chatUpdateBody("discord", sampleUpdate()));
    expect(a.status).toBe(200);
    expect(a.json.embeds[0].title).toBe("Elevated API error rates");
  });

  it("Teams: no card, an invalid card, a message over 28 KB", async () => {
    const url = chat.url + path("teams");
    const none = await post(url, { type: "message", text: "hi" });
    expect(none.status).toBe(400);
    expect(none.json.error.code).toBe("TriggerInputSchemaMismatch");
    const card = (content: unknown) => ({
      type: "message",
      attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content }],
    });
    const unknown = await post(
      url,
      card({ type: "AdaptiveCard", version: "1.4", body: [{ type: "Marquee", text: "x" }] }),
    );
    expect(unknown.json.error.message).toMatch(/Unknown element type "Marquee"/);
    const noText = await post(url, card({ type: "AdaptiveCard", version: "1.4", body: [{ type: "TextBlock" }] }));
    expect(noText.json.error.message).toMatch(/text is required/);
    const noVersion = await post(url, card({ type: "AdaptiveCard", body: [] }));
    expect(noVersion.status).toBe(400);
    const big = await post(
      url,
      card({ type: "AdaptiveCard", version: "1.4", body: [{ type: "TextBlock", text: "x".repeat(29_000) }] }),
    );
    expect(big.status).toBe(413);
  });

  it("Google Chat: INVALID_ARGUMENT for unknown fields, long text, bad widgets, an empty message", async () => {
    const url = chat.url + path("google_chat");
    const unknown = await post(url, { text: "hi", blocks: [] });
    expect(unknown).toMatchObject({ status: 400, json: { error: { code: 400, status: "INVALID_ARGUMENT" } } });
    expect(unknown.json.error.message).toMatch(/Unknown name "blocks"/);
    expect((await post(url, { text: "x".repeat(4097) })).status).toBe(400);
    expect((await post(url, {})).json.error.message).toMatch(/empty/);
    const two = { cardId: "c", card: { sections: [{ widgets: [{ textParagraph: { text: "a" }, divider: {} }] }] } };
    expect((await post(url, { cardsV2: [two] })).status).toBe(400);
    const link = {
      cardId: "c",
      card: {
        sections: [
          { widgets: [{ buttonList: { buttons: [{ text: "b", onClick: { openLink: { url: "javascript:x" } } }] } }] },
        ],
      },
    };
    expect((await post(url, { cardsV2: [link] })).status).toBe(400);
  });

  it("Mattermost: AppError JSON for no text, a bad colour, too long a post", async () => {
    const url = chat.url + path("mattermost");
    expect(await post(url, {})).toMatchObject({
      status: 400,
      json: { id: "web.incoming_webhook.text.app_error", status_code: 400 },
    });
    expect((await post(url, { attachments: [{ color: "red", text: "x" }] })).status).toBe(400);
    expect((await post(url, { text: "x".repeat(16_384) })).status).toBe(400);
    expect((await post(url, { text: "🙂".repeat(16_383) })).status).toBe(200);
  });
});

describe("gone and busy, as each platform says it", () => {
  const body = (kind: ChatKind) => chatUpdateBody(kind, sampleUpdate());

  it("Slack: 404 no_service, 410 channel_is_archived, 429 with Retry-After", async () => {
    const p = path("slack");
    chat.answer(p, "gone", "archived", "rate_limited", "ok");
    expect(await post(chat.url + p, body("slack"))).toMatchObject({ status: 404, text: "no_service" });
    expect(await post(chat.url + p, body("slack"))).toMatchObject({ status: 410, text: "channel_is_archived" });
    const busy = await post(chat.url + p, body("slack"));
    expect(busy.status).toBe(429);
    expect(Number(busy.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await post(chat.url + p, body("slack"))).status).toBe(200);
    expect(chat.to(p).map((r) => r.accepted)).toEqual([false, false, false, true]);
  });

  it("Discord: 404 Unknown Webhook, 429 with retry_after and rate-limit headers", async () => {
    const p = path("discord");
    chat.answer(p, "gone", "rate_limited");
    expect(await post(chat.url + p, body("discord"))).toMatchObject({
      status: 404,
      json: { message: "Unknown Webhook", code: 10015 },
    });
    const busy = await post(chat.url + p, body("discord"));
    expect(busy.status).toBe(429);
    expect(busy.json).toMatchObject({ message: "You are being rate limited.", global: false });
    expect(busy.json.retry_after).toBeGreaterThan(0);
    expect(busy.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(busy.headers.get("retry-after")).toBeTruthy();
  });

  it.each(["teams", "google_chat", "mattermost"] as const)("%s: gone, busy and failing answers", async (kind) => {
    const p = path(kind);
    chat.answer(p, "gone", "rate_limited", "server_error");
    const gone = await post(chat.url + p, body(kind));
    expect(gone.status).toBe(kind === "mattermost" ? 400 : 404);
    expect((await post(chat.url + p, body(kind))).status).toBe(429);
    expect((await post(chat.url + p, body(kind))).status).toBeGreaterThanOrEqual(500);
  });
});

describe("the preview page", () => {
  it("draws every platform's accepted messages, everything escaped", async () => {
    const receivers = await startChatReceivers();
    try {
      for (const kind of chatKinds) {
        await post(`${receivers.url}/${kind}/preview`, chatUpdateBody(kind, updates.hostile));
        await post(
          `${receivers.url}/${kind}/preview`,
          chatConfirmationBody(kind, {
            pageName: hostile,
            pageUrl: "https://s.test",
            confirmUrl: "https://s.test/c",
            components: [],
          }),
        );
      }
      const page = await readAnswer(await fetch(`${receivers.url}/preview`));
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      for (const kind of chatKinds) expect(page.text).toContain(`id="kind-${kind}"`);
      expect(page.text).not.toMatch(/<script|<!channel>/i);
      expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      const one = await readAnswer(await fetch(`${receivers.url}/preview?kind=discord`));
      expect(one.text).toContain('id="kind-discord"');
      expect(one.text).not.toContain('id="kind-slack"');
    } finally {
      await receivers.close();
    }
  });
});
