// Bytes that are not UTF-8, or a body labelled with another charset, are
// refused with 400 INVALID_ENCODING before anything is stored: a decoder would
// have turned them into U+FFFD, stored, tweeted and emailed it. The same check
// on every /api/v1 operation with a body is in route-contract.test.ts.
import { describe, expect, it } from "vitest";
import { adminToken, startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { readAnswer } from "../support/http.ts";

const encoder = new TextEncoder();
/** `{"title":"<ff fe c3 28>","message":"m"}`: the bytes from the report. */
const badTitle = new Uint8Array([
  ...encoder.encode('{"title":"'),
  0xff,
  0xfe,
  0xc3,
  0x28,
  ...encoder.encode('","message":"m"}'),
]);

async function send(t: TestApp, path: string, body: BodyInit, contentType: string, token: string | null = adminToken) {
  const headers: Record<string, string> = { "content-type": contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  return readAnswer(await t.app.request(path, { method: "POST", headers, body }));
}

async function incidentCount(t: TestApp): Promise<number> {
  const list = await t.call("GET", "/api/v1/incidents");
  expect(list.status, list.text).toBe(200);
  return list.json.data.length;
}

describe.each(databaseKinds)("bodies that are not UTF-8 on %s", (kind) => {
  it("Should refuse a title holding ff fe c3 28 with 400 INVALID_ENCODING and store nothing", async () => {
    const t = await startTestApp(kind);
    try {
      const res = await send(t, "/api/v1/incidents", badTitle, "application/json");
      expect(res.status, res.text).toBe(400);
      expect(res.json.error).toMatchObject({
        code: "INVALID_ENCODING",
        message: expect.stringMatching(/^body: .*UTF-8/),
        details: [{ field: "body", message: expect.stringMatching(/UTF-8/) }],
        requestId: expect.any(String),
      });
      expect(await incidentCount(t)).toBe(0);
      // The public page has nothing to show either.
      expect(
        (await t.call("GET", "/api/v2/incidents/unresolved.json", undefined, { token: null })).json.incidents,
      ).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it("Should refuse a body labelled with a charset other than UTF-8, naming the charset, and store nothing", async () => {
    const t = await startTestApp(kind);
    try {
      const body = JSON.stringify({ title: "t", message: "m" });
      for (const type of ["application/json; charset=utf-16", 'application/json;charset="ISO-8859-1"']) {
        const res = await send(t, "/api/v1/incidents", body, type);
        expect(res.status, `${type}: ${res.text}`).toBe(400);
        expect(res.json.error.code).toBe("INVALID_ENCODING");
        expect(res.json.error.message).toMatch(/^charset: must be UTF-8/);
        expect(res.json.error.message).toContain(type.includes("utf-16") ? "utf-16" : "ISO-8859-1");
      }
      expect(await incidentCount(t)).toBe(0);
    } finally {
      await t.close();
    }
  });

  it("Should take UTF-8 whatever the label's case, or no label, and store the text exactly", async () => {
    const t = await startTestApp(kind);
    try {
      const title = "Störung — 障害 🚨";
      for (const type of ["application/json", "application/json; charset=UTF-8", 'application/json; charset="utf8"']) {
        const res = await send(t, "/api/v1/incidents", JSON.stringify({ title, message: type }), type);
        expect(res.status, `${type}: ${res.text}`).toBe(201);
        expect(res.json.data.title).toBe(title);
      }
      // A UTF-8 byte order mark is UTF-8 too.
      const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(JSON.stringify({ title, message: "bom" }))]);
      expect((await send(t, "/api/v1/incidents", bom, "application/json")).status).toBe(201);
      const stored = (await t.call("GET", "/api/v1/incidents")).json.data;
      expect(stored.map((i: { title: string }) => i.title)).toEqual([title, title, title, title]);
    } finally {
      await t.close();
    }
  });

  it("Should keep the 64 KB limit, the 401 and the 415 ahead of the encoding check", async () => {
    const t = await startTestApp(kind);
    try {
      const big = new Uint8Array(70 * 1024).fill(0xff);
      expect((await send(t, "/api/v1/incidents", big, "application/json")).status).toBe(413);
      // Streamed without a Content-Length, the limit holds while the body is read.
      const streamed = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(8 * 1024).fill(0xff));
          controller.close();
        },
      });
      const res = await t.app.request("/api/v1/incidents", {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
        body: streamed,
        duplex: "half",
      } as RequestInit);
      expect(res.status).toBe(413);
      expect((await send(t, "/api/v1/incidents", badTitle, "application/json", null)).status).toBe(401);
      const xml = await send(t, "/api/v1/incidents", badTitle, "application/xml; charset=utf-16");
      expect(xml.status).toBe(415);
      expect(xml.json.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(await incidentCount(t)).toBe(0);
    } finally {
      await t.close();
    }
  });

  it("Should refuse a CSV import that is not UTF-8 and add nobody", async () => {
    const t = await startTestApp(kind);
    try {
      const csv = new Uint8Array([...encoder.encode("email\nm"), 0xe9, ...encoder.encode("lanie@example.com\n")]);
      const res = await send(t, "/api/v1/subscribers/import", csv, "text/csv");
      expect(res.status, res.text).toBe(400);
      expect(res.json.error.code).toBe("INVALID_ENCODING");
      const latin1 = await send(t, "/api/v1/subscribers/import", "email\na@example.com\n", "text/csv; charset=latin1");
      expect(latin1.json.error.code).toBe("INVALID_ENCODING");
      expect((await t.call("GET", "/api/v1/subscribers")).json.data).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it("Should answer a subscribe form whose escapes are not UTF-8 with a 400 page, and JSON with the error shape", async () => {
    const t = await startTestApp(kind);
    try {
      await t.call("POST", "/api/v1/components", { slug: "api", name: "API" });
      const form = await send(
        t,
        "/subscribe",
        "email=someone%40example.com&components=%FF%FE%C3%28",
        "application/x-www-form-urlencoded",
        null,
      );
      expect(form.status).toBe(400);
      expect(form.headers.get("content-type")).toMatch(/^text\/html/);
      expect(form.text).toContain("not valid UTF-8");
      const raw = await send(t, "/subscribe", badTitle, "application/json", null);
      expect(raw.status).toBe(400);
      expect(raw.json.error.code).toBe("INVALID_ENCODING");
      expect((await t.call("GET", "/api/v1/subscribers")).json.data).toEqual([]);
      // A lone % is a literal, as browsers and URLSearchParams read it: not an encoding problem.
      const literal = await send(
        t,
        "/subscribe",
        "email=someone%40example.com&x=100%",
        "application/x-www-form-urlencoded",
        null,
      );
      expect(literal.text).not.toContain("UTF-8");
    } finally {
      await t.close();
    }
  });
});
