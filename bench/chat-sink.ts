// The chat fan-out bench's receiver, in its own process so that Candor and
// the bare sender post to it under the same conditions and neither shares a
// CPU with it: node:http answering every POST 200 "ok" at once, counting by
// platform (the first path segment), discarding bodies. Prints `port N` once
// listening; GET /stats answers {total, byKind}.
import { createServer } from "node:http";

let total = 0;
const byKind: Record<string, number> = {};
const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/stats") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ total, byKind }));
    return;
  }
  req.resume();
  req.on("end", () => {
    const kind = (req.url ?? "/").split("/")[1] ?? "";
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    total++;
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("ok");
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`port ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
