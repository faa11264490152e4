// The receiver's /preview page: each accepted message drawn as its platform
// draws it (Slack's blocks and attachment bar, Discord's embed, Teams' card,
// Google Chat's card, Mattermost's attachment), for screenshots and for eyes.
// Every text goes through markup.ts, which escapes it.
import type { ChatKind } from "../../../src/render/chat/index.ts";
import { anchor, chatHtml, escapeHtml, markdown, slackMrkdwn } from "./markup.ts";

// biome-ignore lint/suspicious/noExplicitAny: the preview reads whatever JSON a platform accepted
type Json = any;

export type Accepted = { kind: ChatKind; path: string; body: Json };

const e = escapeHtml;
const safeColor = (c: unknown) => (typeof c === "string" && /^#[0-9a-f]{6}$/i.test(c) ? c : "#dddddd");

function slackBlock(b: Json): string {
  switch (b.type) {
    case "header":
      return `<div class="s-header">${e(b.text.text)}</div>`;
    case "context":
      return `<div class="s-context">${b.elements.map((x: Json) => (x.type === "mrkdwn" ? slackMrkdwn(x.text) : e(x.text ?? ""))).join(" ")}</div>`;
    case "section": {
      const fields = (b.fields ?? []).map((f: Json) => `<div>${slackMrkdwn(f.text)}</div>`).join("");
      const text = b.text ? (b.text.type === "mrkdwn" ? slackMrkdwn(b.text.text) : e(b.text.text)) : "";
      return `<div class="s-section">${text}${fields ? `<div class="s-fields">${fields}</div>` : ""}</div>`;
    }
    case "actions":
      return `<div class="s-actions">${b.elements.map((x: Json) => anchor(x.url ?? "", `<span class="s-button ${x.style === "primary" ? "primary" : ""}">${e(x.text.text)}</span>`)).join("")}</div>`;
    default:
      return "";
  }
}

function slack(body: Json): string {
  const blocks = (body.blocks ?? []).map(slackBlock).join("");
  const attachments = (body.attachments ?? [])
    .map(
      (a: Json) =>
        `<div class="s-attachment" style="border-color:${safeColor(a.color)}">${(a.blocks ?? []).map(slackBlock).join("")}</div>`,
    )
    .join("");
  const fallback = blocks || attachments ? "" : `<div class="s-section">${slackMrkdwn(body.text ?? "")}</div>`;
  return `<div class="s-msg"><div class="avatar"></div><div class="s-body"><div class="s-name">Candor <span class="tag">APP</span> <span class="time">2:05 PM</span></div>${fallback}${blocks}${attachments}</div></div>`;
}

function discord(body: Json): string {
  const embeds = (body.embeds ?? []).map((m: Json) => {
    const color = `#${Number(m.color ?? 0)
      .toString(16)
      .padStart(6, "0")}`;
    const author = m.author ? `<div class="d-author">${anchor(m.author.url ?? "", e(m.author.name))}</div>` : "";
    const title = m.title ? `<div class="d-title">${anchor(m.url ?? "", e(m.title))}</div>` : "";
    const fields = (m.fields ?? [])
      .map(
        (f: Json) =>
          `<div class="d-field ${f.inline ? "inline" : ""}"><div class="d-fname">${markdown(f.name)}</div><div>${markdown(f.value)}</div></div>`,
      )
      .join("");
    const footer = m.footer
      ? `<div class="d-footer">${e(m.footer.text)}${m.timestamp ? ` • ${e(new Date(m.timestamp).toUTCString().slice(5, 22))}` : ""}</div>`
      : "";
    return `<div class="d-embed" style="border-color:${safeColor(color)}">${author}${title}<div class="d-desc">${markdown(m.description ?? "")}</div><div class="d-fields">${fields}</div>${footer}</div>`;
  });
  return `<div class="d-msg"><div class="avatar round"></div><div><div class="d-name">Candor <span class="tag">APP</span> <span class="time">Today at 14:05</span></div>${body.content ? markdown(body.content) : ""}${embeds.join("")}</div></div>`;
}

function teamsElement(x: Json): string {
  if (x.type === "TextBlock") {
    const cls = [
      "t-text",
      x.size === "Large" ? "large" : "",
      x.size === "Small" ? "small" : "",
      x.weight === "Bolder" ? "bold" : "",
      x.isSubtle ? "subtle" : "",
    ].join(" ");
    return `<div class="${cls}">${markdown(x.text)}</div>`;
  }
  if (x.type === "Container")
    return `<div class="t-container ${e(x.style ?? "default")}">${(x.items ?? []).map(teamsElement).join("")}</div>`;
  if (x.type === "FactSet")
    return `<table class="t-facts">${x.facts.map((f: Json) => `<tr><th>${markdown(f.title)}</th><td>${markdown(f.value)}</td></tr>`).join("")}</table>`;
  return "";
}

function teams(body: Json): string {
  const cards = body.attachments.map((a: Json) => {
    const card = a.content;
    const actions = (card.actions ?? [])
      .map((x: Json) =>
        anchor(x.url ?? "", `<span class="t-button ${x.style === "positive" ? "positive" : ""}">${e(x.title)}</span>`),
      )
      .join("");
    return `<div class="t-card">${card.body.map(teamsElement).join("")}<div class="t-actions">${actions}</div></div>`;
  });
  return `<div class="t-msg"><div class="avatar"></div><div class="t-bubble"><div class="t-name">Workflows <span class="time">14:05</span></div>${cards.join("")}</div></div>`;
}

function chatWidget(w: Json): string {
  if (w.textParagraph) return `<div class="g-para">${chatHtml(w.textParagraph.text)}</div>`;
  if (w.decoratedText) {
    const top = w.decoratedText.topLabel ? `<div class="g-top">${e(w.decoratedText.topLabel)}</div>` : "";
    return `<div class="g-deco">${top}<div>${chatHtml(w.decoratedText.text)}</div></div>`;
  }
  if (w.buttonList)
    return `<div class="g-buttons">${w.buttonList.buttons.map((b: Json) => anchor(b.onClick?.openLink?.url ?? "", `<span class="g-button">${e(b.text)}</span>`)).join("")}</div>`;
  if (w.divider) return "<hr>";
  return "";
}

function googleChat(body: Json): string {
  const cards = (body.cardsV2 ?? []).map((c: Json) => {
    const h = c.card.header;
    const header = h
      ? `<div class="g-header"><div class="g-title">${e(h.title)}</div><div class="g-sub">${e(h.subtitle ?? "")}</div></div>`
      : "";
    return `<div class="g-card">${header}${c.card.sections.map((s: Json) => `<div class="g-section">${s.widgets.map(chatWidget).join("")}</div>`).join("")}</div>`;
  });
  const text = cards.length ? "" : `<div>${e(body.text ?? "")}</div>`;
  return `<div class="g-msg"><div class="avatar round"></div><div><div class="g-name">Candor <span class="tag">App</span> <span class="time">2:05 PM</span></div>${text}${cards.join("")}</div></div>`;
}

function mattermost(body: Json): string {
  const attachments = (body.attachments ?? []).map((a: Json) => {
    const fields = (a.fields ?? [])
      .map(
        (f: Json) =>
          `<div class="m-field ${f.short ? "short" : ""}"><div class="m-fname">${e(f.title)}</div><div>${markdown(f.value, { entities: true })}</div></div>`,
      )
      .join("");
    const title = a.title ? `<div class="m-title">${anchor(a.title_link ?? "", e(a.title))}</div>` : "";
    const footer = a.footer ? `<div class="m-footer">${e(a.footer)}</div>` : "";
    return `<div class="m-attachment" style="border-left-color:${safeColor(a.color)}">${title}<div>${markdown(a.text ?? "", { entities: true })}</div><div class="m-fields">${fields}</div>${footer}</div>`;
  });
  return `<div class="m-msg"><div class="avatar round"></div><div><div class="m-name">candor <span class="tag">BOT</span> <span class="time">2:05 PM</span></div><div>${markdown(body.text ?? "", { entities: true })}</div>${attachments.join("")}</div></div>`;
}

const draw: Record<ChatKind, (body: Json) => string> = { slack, discord, teams, google_chat: googleChat, mattermost };

const style = `
body{margin:0;padding:16px;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#eef0f2}
section.kind{display:inline-block;vertical-align:top;width:560px;margin:0 16px 16px 0;padding:8px 0;border-radius:8px}
section.kind>h2{font-size:12px;text-transform:uppercase;letter-spacing:.05em;margin:4px 16px 8px;opacity:.7}
.msg{padding:8px 16px}.avatar{flex:none;width:36px;height:36px;border-radius:6px;background:#2f6fb3;margin-right:10px}.avatar.round{border-radius:50%}
.tag{font-size:10px;font-weight:600;padding:1px 4px;border-radius:3px;background:#0001;vertical-align:middle}.time{font-size:12px;opacity:.6;font-weight:400}
a{color:inherit}
.slack{background:#fff;color:#1d1c1d}.s-msg{display:flex}.s-body{flex:1;min-width:0}.s-name{font-weight:900}
.s-header{font-size:18px;font-weight:900;margin:4px 0}.s-context{font-size:12px;color:#616061}.s-context a,.s-section a{color:#1264a3;text-decoration:none}
.s-attachment{border-left:4px solid;padding:2px 0 2px 12px;margin-top:6px}.s-section{margin:6px 0;white-space:normal}
.s-fields{display:grid;grid-template-columns:1fr 1fr;gap:4px}.s-actions{margin:8px 0}.s-button{display:inline-block;border:1px solid #ddd;border-radius:4px;padding:4px 12px;font-weight:700;font-size:13px}.s-button.primary{background:#007a5a;color:#fff;border-color:#007a5a}
.discord{background:#313338;color:#dbdee1}.d-msg{display:flex}.d-name{color:#f2f3f5;font-weight:500}.d-name .tag{background:#5865f2;color:#fff}
.d-embed{background:#2b2d31;border-left:4px solid;border-radius:4px;padding:8px 16px 12px 12px;margin-top:4px;max-width:440px;font-size:14px}
.d-author{font-size:13px;font-weight:600;color:#f2f3f5}.d-author a,.d-title a{text-decoration:none}.d-title a{color:#00a8fc}.d-title{font-weight:600;margin:4px 0}
.d-desc a{color:#00a8fc}.d-fields{display:flex;flex-wrap:wrap;gap:8px 16px;margin-top:8px}.d-field{flex:1 1 100%}.d-field.inline{flex:1 1 30%}.d-fname{font-weight:600;color:#f2f3f5}.d-footer{font-size:12px;margin-top:8px;color:#b5bac1}
.teams{background:#f5f5f5;color:#242424;font-family:"Segoe UI",system-ui,sans-serif}.t-msg{display:flex}.t-bubble{flex:1;background:#fff;border-radius:4px;padding:8px 12px;box-shadow:0 1px 2px #0002}.t-name{font-size:12px;color:#616161;margin-bottom:6px}
.t-card{border:1px solid #e0e0e0;border-radius:4px;padding:12px}.t-container{margin:-12px -12px 8px;padding:12px}.t-container.attention{background:#fdf3f4}.t-container.warning{background:#fbf6d9}.t-container.good{background:#e7f2da}.t-container.accent{background:#e8ebfa}.t-container.emphasis{background:#f0f0f0}
.t-text{margin:4px 0}.t-text.large{font-size:18px}.t-text.small{font-size:12px}.t-text.bold{font-weight:600}.t-text.subtle{color:#616161}.t-container.attention .t-text.small.bold{color:#c4314b}.t-container.warning .t-text.small.bold{color:#835c00}.t-container.good .t-text.small.bold{color:#237b4b}.t-container.accent .t-text.small.bold{color:#4f52b2}
.t-facts th{text-align:left;font-weight:600;padding-right:12px}.t-actions{display:flex;gap:8px;margin-top:10px}.t-actions a{flex:1;text-decoration:none}.t-button{display:block;text-align:center;border:1px solid #d1d1d1;border-radius:4px;padding:5px;font-weight:600;font-size:14px}.t-button.positive{background:#5b5fc7;color:#fff;border-color:#5b5fc7}
.google_chat{background:#fff;color:#1f1f1f;font-family:"Google Sans",Roboto,system-ui,sans-serif}.g-msg{display:flex}.g-name{font-weight:500;font-size:14px}
.g-card{border:1px solid #dadce0;border-radius:8px;margin-top:6px;max-width:460px}.g-header{padding:12px 16px;border-bottom:1px solid #dadce0}.g-title{font-weight:500}.g-sub{font-size:12px;color:#5f6368}
.g-section{padding:8px 16px}.g-para,.g-deco{margin:8px 0;font-size:14px}.g-top{font-size:12px;color:#5f6368}.g-buttons{margin:8px 0}.g-buttons a{text-decoration:none}.g-button{display:inline-block;color:#1a73e8;border:1px solid #dadce0;border-radius:18px;padding:6px 16px;font-weight:500;font-size:14px}
.mattermost{background:#fff;color:#3f4350;font-family:"Open Sans",system-ui,sans-serif}.m-msg{display:flex}.m-name{font-weight:600}.m-name .tag{background:#3f435029}
.m-msg a{color:#1c58d9}.m-attachment{border:1px solid #3f435029;border-left:4px solid;border-radius:4px;padding:10px 12px;margin-top:6px}.m-title{font-weight:600;margin-bottom:4px}.m-title a{text-decoration:none}
.m-fields{display:flex;flex-wrap:wrap;gap:8px}.m-field{flex:1 1 100%}.m-field.short{flex:1 1 45%}.m-fname{font-weight:600}.m-footer{font-size:12px;opacity:.64;margin-top:6px}
.h{font-size:16px}`;

/**
 * The page: one section per platform (only `kind`'s when given), its messages in order.
 */
export function previewPage(accepted: Accepted[], kind?: string): string {
  const kinds = [...new Set(accepted.map((a) => a.kind))].filter((k) => !kind || k === kind);
  const sections = kinds.map((k) => {
    const messages = accepted.filter((a) => a.kind === k).map((a) => `<div class="msg">${draw[k](a.body)}</div>`);
    return `<section class="kind ${k}" id="kind-${k}"><h2>${e(k.replace("_", " "))}</h2>${messages.join("")}</section>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chat previews</title><style>${style}</style></head><body>${sections.join("")}</body></html>`;
}
