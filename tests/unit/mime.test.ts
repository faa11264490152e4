import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { type MailMessage, updateEmailComposer } from "../../src/channels/email.ts";
import { toNodemailer } from "../../src/channels/smtp.ts";
import type { OutboundUpdate } from "../../src/channels/types.ts";

// The fan-out's prepared messages must read, in a mail client, exactly as
// nodemailer's own rendering of the same message does.

const stream = nodemailer.createTransport({ streamTransport: true, buffer: true });

async function byNodemailer(m: MailMessage): Promise<Buffer> {
  const info = await stream.sendMail(toNodemailer({ ...m, raw: undefined }));
  return info.message as Buffer;
}

function update(overrides: Partial<OutboundUpdate> = {}): OutboundUpdate {
  return {
    updateId: "upd_2",
    incidentId: "inc_1",
    incidentTitle: "API errors",
    incidentUrl: "https://status.example.com/incidents/inc_1",
    seq: 2,
    kind: "manual",
    status: "identified",
    impact: "major",
    text: "",
    message: "We found the cause.",
    promise: "Next update by 14:30 UTC.",
    customTweet: null,
    createdAt: new Date("2026-11-24T14:00:00Z"),
    ...overrides,
  };
}

const options = {
  from: '"Example Status" <status@status.example.com>',
  pageName: "Example Status",
  publicUrl: "https://status.example.com",
  timeZone: "UTC",
};
const unsubscribe = `https://status.example.com/unsubscribe/${"aZ09-_".repeat(30)}.x=y&z`;

const cases: [string, Partial<OutboundUpdate>, Partial<typeof options>, string][] = [
  ["plain ASCII", {}, {}, ""],
  [
    "non-ASCII title, message and page name",
    { incidentTitle: "Paiements refusés — ⚠️ 支付", message: "Ça ne marche pas 🙁\nÉtape 2: « réparer »" },
    { pageName: "Státus Ünïcode", from: '"Státus Ünïcode" <status@status.example.com>' },
    "Zahlungen, Übersicht",
  ],
  [
    "a long line, trailing blanks, dots and equals signs",
    {
      message: `${"word ".repeat(700)}\n.leading dot\ntrailing blanks   \n=3D not an escape ==\n\n\ttab`,
      promise: "",
      seq: 1,
    },
    {},
    "API & <Web>",
  ],
  ["HTML in every field is escaped", { incidentTitle: "<script>alert(1)</script>", message: "<b>x</b> & y" }, {}, ""],
];

describe("prepared MIME messages", () => {
  for (const [name, changes, opts, components] of cases) {
    it(`Should decode exactly like nodemailer's own message: ${name}`, async () => {
      const compose = updateEmailComposer({ ...options, ...opts }, update(changes));
      const m = compose({ id: "sub_1", email: "alice@example.org" }, unsubscribe, components);
      expect(m.raw).toBeDefined();
      const raw = m.raw?.message as string;
      for (const line of raw.split("\r\n")) expect(line.length).toBeLessThanOrEqual(998);
      const body = raw.slice(raw.indexOf("\r\n\r\n"));
      for (const line of body.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
      expect(raw.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);

      const ours = await simpleParser(raw);
      const theirs = await simpleParser(await byNodemailer(m));
      expect(ours.subject).toBe(theirs.subject);
      expect(ours.subject).toBe(m.subject);
      expect(ours.from?.value).toEqual(theirs.from?.value);
      expect(ours.to).toEqual(theirs.to);
      expect(ours.messageId).toBe(theirs.messageId);
      expect(ours.inReplyTo).toBe(theirs.inReplyTo);
      expect(ours.references).toEqual(theirs.references);
      expect(ours.text).toBe(theirs.text);
      expect(ours.html).toBe(theirs.html);
      expect(ours.text).toContain(unsubscribe);
      expect(ours.html).toContain(unsubscribe.replaceAll("&", "&amp;").replaceAll("=", "&#x3D;"));
      for (const header of ["list-unsubscribe", "list-unsubscribe-post", "list-id", "auto-submitted", "mime-version"]) {
        expect(ours.headers.get(header), header).toEqual(theirs.headers.get(header));
      }
      expect(ours.date?.getTime()).toBeGreaterThan(0);
      expect(m.raw?.envelopeFrom).toBe("status@status.example.com");
    });
  }

  it("Should give each recipient their own address, ids and link, and leave the shared parts alone", async () => {
    const compose = updateEmailComposer(options, update());
    const a = compose({ id: "sub_a", email: "a@example.org" }, `${unsubscribe}A`, "");
    const b = compose({ id: "sub_b", email: "b@example.org" }, `${unsubscribe}B`, "");
    const [pa, pb] = await Promise.all([
      simpleParser(a.raw?.message as string),
      simpleParser(b.raw?.message as string),
    ]);
    expect(pa.to).not.toEqual(pb.to);
    expect(pa.messageId).toBe("<upd_2.sub_a@status.example.com>");
    expect(pb.inReplyTo).toBe("<inc_1.sub_b@status.example.com>");
    expect(pa.text).toContain(`${unsubscribe}A`);
    expect(pb.text).toContain(`${unsubscribe}B`);
    expect(pa.text?.replace(`${unsubscribe}A`, "")).toBe(pb.text?.replace(`${unsubscribe}B`, ""));
  });

  it("Should leave an address that is not plain ASCII to nodemailer", () => {
    const compose = updateEmailComposer(options, update());
    const m = compose({ id: "sub_1", email: "josé@exämple.org" }, unsubscribe, "");
    expect(m.raw).toBeUndefined();
    expect(m.text).toContain(unsubscribe);
  });
});
