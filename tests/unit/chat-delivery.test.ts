// The chat channel's pure parts: which platform answers mean "gone", reading a
// failed answer's first bytes through fetch (the Workers path), and the facts a
// chat message is built from.
import { describe, expect, it } from "vitest";
import { chatAnswerBytes, chatGone } from "../../src/channels/chat-answers.ts";
import { postJson, type WebhookSend } from "../../src/channels/webhook-post.ts";
import type { IncidentDetail } from "../../src/db/models.ts";
import { chatUpdateOf } from "../../src/render/chat-update.ts";

const failure = (status: number, answer?: string) =>
  ({ ok: false, status, refused: false, error: `answered HTTP ${status}`, retryAfter: null, answer }) as const;

describe("chatGone", () => {
  it("Should take each platform's own gone answers, and 410 from any", () => {
    expect(chatGone("slack", failure(404, "no_service"))).toBe(true);
    expect(chatGone("slack", failure(410, "channel_is_archived"))).toBe(true);
    expect(chatGone("discord", failure(404, '{"message":"Unknown Webhook","code":10015}'))).toBe(true);
    expect(chatGone("teams", failure(404, '{"error":{"code":"WorkflowNotFound","message":"x"}}'))).toBe(true);
    expect(chatGone("google_chat", failure(404, '{"error":{"code":404,"status":"NOT_FOUND"}}'))).toBe(true);
    expect(chatGone("mattermost", failure(400, '{"id":"web.incoming_webhook.invalid.app_error"}'))).toBe(true);
    for (const kind of ["slack", "teams", "discord", "google_chat", "mattermost"])
      expect(chatGone(kind, failure(410)), kind).toBe(true);
  });

  it("Should not take a bare 404, another platform's words, or a failure without an answer as gone", () => {
    expect(chatGone("slack", failure(404, "not found"))).toBe(false);
    expect(chatGone("slack", failure(404))).toBe(false);
    expect(chatGone("slack", failure(500, "no_service"))).toBe(false);
    expect(chatGone("discord", failure(404, '{"message":"Unknown Channel","code":10003}'))).toBe(false);
    expect(chatGone("discord", failure(404, "no_service"))).toBe(false);
    expect(chatGone("mattermost", failure(404, "no_service"))).toBe(false);
    expect(chatGone("teams", failure(404, '{"error":{"code":"BadGateway"}}'))).toBe(false);
    expect(chatGone("google_chat", failure(429, '{"error":{"status":"NOT_FOUND"}}'))).toBe(false);
    expect(chatGone("slack", { ...failure(0), status: null })).toBe(false);
  });
});

describe("postJson", () => {
  const rules = (send: WebhookSend) => ({ send, allowPrivate: false, timeoutMs: 1000, readBytes: chatAnswerBytes });
  const url = "https://hooks.example.com/services/T/B/x";

  it("Should read at most readBytes of a failed answer through fetch's stream, and none of a success", async () => {
    const big = "x".repeat(10 * chatAnswerBytes);
    let sent: { headers: Record<string, string>; readBytes?: number } | undefined;
    const send: WebhookSend = async (_url, init) => {
      sent = init;
      return new Response(big, { status: 400 });
    };
    const outcome = await postJson({ url, body: "{}" }, rules(send));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.answer?.length).toBe(chatAnswerBytes);
    expect(outcome.error).toBe("answered HTTP 400");
    expect(sent?.readBytes).toBe(chatAnswerBytes);
    expect(sent?.headers["content-type"]).toBe("application/json");
    const ok = await postJson(
      { url, body: "{}" },
      rules(async () => new Response("ok", { status: 200 })),
    );
    expect(ok).toEqual({ ok: true, status: 200 });
  });

  it("Should refuse a private address before sending, and never name the URL in its error", async () => {
    let calls = 0;
    const send: WebhookSend = async () => {
      calls++;
      return new Response(null, { status: 200 });
    };
    const outcome = await postJson({ url: "http://10.0.0.8/hook?token=abc", body: "{}" }, rules(send));
    expect(outcome).toMatchObject({ ok: false, refused: true, status: null });
    expect(calls).toBe(0);
    if (!outcome.ok) expect(outcome.error).not.toContain("10.0.0.8");
  });
});

describe("chatUpdateOf", () => {
  const at = new Date("2026-12-03T14:00:00Z");
  const detail = (kind: string) =>
    ({
      id: "inc_1",
      kind,
      title: "API errors",
      components: [
        { id: "cmp_api", slug: "api", name: "Public API", status: "operational" },
        { id: "cmp_web", slug: "web", name: "Dashboard", status: "operational" },
      ],
      updates: [
        { id: "upd_1", seq: 1, status: "investigating", componentChanges: { api: "major_outage" }, createdAt: at },
        { id: "upd_2", seq: 2, status: "resolved", componentChanges: { api: "operational" }, createdAt: at },
      ],
    }) as unknown as IncidentDetail;
  const source = (over: Record<string, unknown> = {}) => ({
    seq: 1,
    kind: "manual",
    status: "investigating",
    impact: "major",
    incidentTitle: "API errors",
    incidentUrl: "https://status.example.com/incidents/inc_1",
    message: "We see errors.",
    promise: "Next update by 14:30 UTC.",
    createdAt: at,
    ...over,
  });
  const page = { name: "Example Status", publicUrl: "https://status.example.com" };

  it("Should give the components as they stood after that update, and mark Candor's own updates automatic", () => {
    const first = chatUpdateOf(detail("incident"), source(), page);
    expect(first).toMatchObject({
      pageName: "Example Status",
      pageUrl: "https://status.example.com",
      incidentTitle: "API errors",
      impact: "major",
      message: "We see errors.",
      promise: "Next update by 14:30 UTC.",
      automatic: false,
      components: [{ name: "Public API", status: "major_outage" }],
    });
    expect(chatUpdateOf(detail("incident"), source({ kind: "holding" }), page).automatic).toBe(true);
    expect(chatUpdateOf(detail("incident"), source({ kind: "eta_missed" }), page).automatic).toBe(true);
    const resolved = chatUpdateOf(detail("incident"), source({ seq: 2, kind: "resolved", status: "resolved" }), page);
    // The newest update can trust the components' current status (as webhook payloads do).
    expect(resolved.components).toEqual([
      { name: "Public API", status: "operational" },
      { name: "Dashboard", status: "operational" },
    ]);
    expect(resolved.automatic).toBe(false);
  });

  it("Should give a maintenance the maintenance impact", () => {
    expect(chatUpdateOf(detail("maintenance"), source({ kind: "started" }), page)).toMatchObject({
      impact: "maintenance",
      automatic: true,
    });
  });
});
