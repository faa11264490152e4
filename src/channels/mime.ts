import { randomBytes } from "node:crypto";
import Handlebars from "handlebars/runtime.js";
import addressparser from "nodemailer/lib/addressparser";
import MimeNode from "nodemailer/lib/mime-node";
import * as qp from "nodemailer/lib/qp";

/**
 * A multipart/alternative email built once for many recipients.
 *
 * A fan-out sends the same update to 100,000 people; only the recipient's
 * address, the message ids and the unsubscribe link differ. Building each
 * message from scratch (nodemailer's MIME tree, header encoding, and a
 * quoted-printable stream per part) was the largest part of the fan-out's
 * CPU. Here the header block and both bodies are encoded once, with a slot
 * where the per-recipient value goes, and each message is a string
 * concatenation.
 *
 * The slot is spliced into the quoted-printable body without re-encoding
 * the rest: every piece is encoded on its own and the pieces are joined by
 * soft line breaks ("=" CRLF), which decoders remove, so the decoded body is
 * exactly the rendered text with the value in place and no line passes 76
 * characters.
 */
export type PreparedMime = {
  /** The SMTP envelope sender: the address in `from`. */
  envelopeFrom: string;
  /**
   * The message for one recipient. `slot` replaces every slot marker: as is
   * in the text part, and HTML-escaped (as Handlebars escapes) in the HTML
   * part. Returns null when the address needs nodemailer's own encoding
   * (anything but printable ASCII).
   */
  build(recipient: {
    to: string;
    messageId: string;
    inReplyTo?: string;
    references?: string[];
    headers: Record<string, string>;
    slot: string;
  }): string | null;
};

/** A marker no rendered template contains by chance. */
export function newSlotMarker(): string {
  return `\u2063slot${randomBytes(9).toString("hex")}\u2063`;
}

/** Handlebars' own escaping, so the slot reads exactly as the template would have rendered it. */
export const escapeHtml = (value: string): string => Handlebars.Utils.escapeExpression(value);

function crlf(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}

/** Quoted-printable, wrapped at 76; the whole text is one piece (its trailing blanks are encoded). */
function qpPiece(text: string): string {
  return qp.wrap(qp.encode(text), 76);
}

/** Encodes text around slot markers: pieces, joined later with soft breaks. */
function qpPieces(text: string, marker: string): string[] {
  return crlf(text).split(marker).map(qpPiece);
}

function joinPieces(pieces: string[], slot: string): string {
  let out = pieces[0];
  for (let i = 1; i < pieces.length; i++) {
    out += `=\r\n${slot}=\r\n${pieces[i]}`;
  }
  return out;
}

const asciiHeaderValue = /^[\x21-\x7e]+$/;

/**
 * Prepares one update's email. `headers` are the headers every recipient
 * shares (Subject, From and Date go through nodemailer's encoder, so a
 * non-ASCII title becomes encoded words as it would have).
 */
export function prepareMime(options: {
  from: string;
  subject: string;
  date: Date;
  headers: Record<string, string>;
  text: string;
  html: string;
  marker: string;
}): PreparedMime {
  const root = new MimeNode("multipart/alternative");
  root.setHeader("From", options.from);
  root.setHeader("Subject", options.subject);
  root.setHeader("Date", options.date.toUTCString().replace(/GMT/, "+0000"));
  // A placeholder, dropped below: each recipient gets their own Message-ID.
  root.setHeader("Message-ID", "<placeholder@candor.invalid>");
  for (const [key, value] of Object.entries(options.headers)) root.setHeader(key, value);
  const shared = root
    .buildHeaders()
    .split(/\r\n(?![ \t])/)
    .filter((field) => !/^Message-ID:/i.test(field))
    .join("\r\n");
  const boundary = String(root.boundary);
  const textPieces = qpPieces(options.text, options.marker);
  const htmlPieces = qpPieces(options.html, options.marker);
  const part = (type: string) =>
    `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`;
  const textHead = part("text/plain");
  const htmlHead = `\r\n${part("text/html")}`;
  const tail = `\r\n--${boundary}--\r\n`;
  const envelopeFrom = (addressparser(options.from)[0] as { address?: string } | undefined)?.address ?? options.from;

  return {
    envelopeFrom,
    build(r) {
      if (!asciiHeaderValue.test(r.to)) return null;
      let head = `To: ${r.to}\r\nMessage-ID: ${r.messageId}\r\n`;
      if (r.inReplyTo) head += `In-Reply-To: ${r.inReplyTo}\r\n`;
      if (r.references?.length) head += `References: ${r.references.join(" ")}\r\n`;
      for (const [key, value] of Object.entries(r.headers)) {
        // Per-recipient values are ours (URLs, ids); anything else takes the slow path.
        if (!/^[\x20-\x7e]*$/.test(value)) return null;
        head += `${key}: ${value}\r\n`;
      }
      const textSlot = qpPiece(crlf(r.slot));
      const htmlSlot = qpPiece(crlf(escapeHtml(r.slot)));
      return `${head}${shared}\r\n\r\n${textHead}${joinPieces(textPieces, textSlot)}${htmlHead}${joinPieces(htmlPieces, htmlSlot)}${tail}`;
    },
  };
}
