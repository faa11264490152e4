// Candor's own X client (channels/x-http.ts) over real HTTP: its OAuth 1.0a
// signatures checked by the fake X's code (as X checks them, not by the
// library that made them), query strings encoded as X signs them, and what
// each way of failing becomes. The channel tests cover what the X channel,
// the acknowledgements and the listeners then decide.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeX, fakeXCredentials, startFakeX } from "../../scripts/fake-x/server.ts";
import { XApiError, XRequestError } from "../../src/channels/x-errors.ts";
import { xHttp } from "../../src/channels/x-http.ts";

const at = (apiUrl: string) => xHttp({ ...fakeXCredentials, apiUrl });

/** The rejection of `promise`, which must be one. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
}

describe("xHttp against the fake X", () => {
  let fake: FakeX;
  beforeAll(async () => {
    fake = await startFakeX();
  });
  afterAll(() => fake.close());
  afterEach(() => fake.reset());

  it("Should sign a query of spaces, quotes, parentheses and accents, sent as RFC 3986 (%20, never '+')", async () => {
    fake.postAs("alice", "Checkout down again, café closed");
    const query = `("checkout down" OR café) -is:retweet`;
    const page = await at(fake.url).get<{ data?: { text: string }[] }>("tweets/search/recent", {
      query,
      max_results: 10,
      next_token: undefined,
    });
    expect(page.data?.map((p) => p.text)).toEqual(["Checkout down again, café closed"]);
    const sent = fake.requests.at(-1);
    expect(sent).toMatchObject({ method: "GET", status: 200, error: null });
    expect(sent?.path).toContain("query=%28%22checkout%20down%22%20OR%20caf%C3%A9%29%20-is%3Aretweet");
    expect(sent?.path).not.toContain("+");
    // Left out, not sent empty.
    expect(sent?.path).not.toContain("next_token");
  });

  it("Should sign and send !'() encoded, which encodeURIComponent leaves alone and RFC 3986 does not", async () => {
    fake.postAs("bob", "it's down!");
    const page = await at(fake.url).get<{ data?: { text: string }[] }>("tweets/search/recent", {
      query: "it's (down!)",
    });
    expect(fake.requests.at(-1)).toMatchObject({ status: 200, error: null });
    expect(fake.requests.at(-1)?.path).toContain("query=it%27s%20%28down%21%29");
    expect(page.data?.map((p) => p.text)).toEqual(["it's down!"]);
  });

  it("Should post a JSON body, which the signature does not cover", async () => {
    const res = await at(fake.url).post<{ data: { id: string; text: string } }>("tweets", { text: "Investigating" });
    expect(res.data.text).toBe("Investigating");
    expect(fake.tweets.map((t) => t.id)).toEqual([res.data.id]);
  });

  it("Should be refused with a wrong secret, as X would refuse it", async () => {
    const wrong = xHttp({ ...fakeXCredentials, accessSecret: "not-the-secret", apiUrl: fake.url });
    const err = await rejection(wrong.get("users/me"));
    expect(err).toBeInstanceOf(XApiError);
    expect(err).toMatchObject({ code: 401, data: { title: "Unauthorized" } });
    expect(fake.requests.at(-1)?.error).toMatch(/^signature mismatch/);
  });

  it("Should give X's problem and the rate limit's reset on 429", async () => {
    fake.setRateLimit({ limit: 1, windowMs: 15 * 60_000 });
    const x = at(fake.url);
    await x.post("tweets", { text: "one" });
    const err = await rejection(x.post("tweets", { text: "two" }));
    expect(err).toBeInstanceOf(XApiError);
    expect(err).toMatchObject({ code: 429, message: "X answered 429: Too Many Requests" });
    const resetAt = (err as XApiError).resetAt;
    expect(resetAt?.getTime()).toBeGreaterThan(Date.now());
    expect((resetAt?.getTime() ?? 0) % 1000).toBe(0);
  });

  it("Should call a dropped connection unreachable, with the cause's words", async () => {
    fake.failNext(1, "network");
    const err = await rejection(at(fake.url).post("tweets", { text: "lost" }));
    expect(err).toBeInstanceOf(XRequestError);
    expect(err).toMatchObject({ kind: "unreachable" });
    expect((err as Error).message).not.toBe("fetch failed");
  });

  it("Should give up on an answer held past the timeout", async () => {
    const hold = fake.holdNextPost();
    const err = await rejection(at(fake.url).post("tweets", { text: "held" }, { timeoutMs: 300 }));
    expect(err).toBeInstanceOf(XRequestError);
    expect(err).toMatchObject({ kind: "timeout", message: "no answer to POST /2/tweets within 0.3 s" });
    // X stored it: the retry meets its duplicate 403.
    await hold.reached;
    hold.release();
    expect(fake.tweets).toHaveLength(1);
  });
});

describe("xHttp against a broken server", () => {
  let server: Server;
  let url: string;
  let answer: (res: ServerResponse) => void;
  beforeAll(async () => {
    server = createServer((_req, res) => answer(res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("Should call an answer that breaks off mid-body cut off", async () => {
    answer = (res) => {
      res.writeHead(201, { "content-type": "application/json", "content-length": "100" });
      res.write('{"data":');
      setTimeout(() => res.destroy(), 20);
    };
    const err = await rejection(at(url).post("tweets", { text: "x" }));
    expect(err).toBeInstanceOf(XRequestError);
    expect(err).toMatchObject({ kind: "cut_off" });
    expect((err as Error).message).toMatch(/^POST \/2\/tweets answered 201, then broke off: /);
  });

  it("Should call a whole answer that is not JSON cut off", async () => {
    answer = (res) => res.writeHead(201, { "content-type": "application/json" }).end('{"data":');
    const err = await rejection(at(url).post("tweets", { text: "x" }));
    expect(err).toMatchObject({ kind: "cut_off", message: "POST /2/tweets answered 201 with no whole JSON" });
  });

  it("Should keep a proxy's HTML refusal as an XApiError without a problem", async () => {
    answer = (res) => res.writeHead(503, { "content-type": "text/html" }).end("<html>Over capacity</html>");
    const err = await rejection(at(url).get("users/me"));
    expect(err).toBeInstanceOf(XApiError);
    expect(err).toMatchObject({ code: 503, data: {}, resetAt: null, message: "X answered 503" });
  });

  it("Should not follow a redirect with the signed request", async () => {
    answer = (res) => res.writeHead(302, { location: "http://127.0.0.1:9/elsewhere" }).end();
    const err = await rejection(at(url).get("users/me"));
    expect(err).toMatchObject({ code: 302 });
  });

  it("Should call a refused connection unreachable, saying so", async () => {
    // A port just freed (fetch itself refuses the well-known ones, such as 9, with "bad port").
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await rejection(at(`http://127.0.0.1:${port}`).get("users/me", {}, { timeoutMs: 2_000 }));
    expect(err).toMatchObject({ kind: "unreachable" });
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
  });
});
