// The page-load benchmark's yardstick: a plain node:http server in its own
// process answering each path with bytes and headers held in memory (what
// Candor answered for that path, captured beforehand). Reads the routes from
// the JSON file named by argv[2], and again on SIGHUP (the benchmark captures
// new bytes after each round with updates); prints `port N` once listening
// and `reloaded` after each SIGHUP.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

type Route = { status: number; headers: Record<string, string>; body: string };
type Ready = Route & { bytes: Buffer };

function load(): Map<string, Ready> {
  const routes = JSON.parse(readFileSync(process.argv[2], "utf8")) as Record<string, Route>;
  return new Map(Object.entries(routes).map(([path, r]) => [path, { ...r, bytes: Buffer.from(r.body, "base64") }]));
}

let ready = load();
const server = createServer((req, res) => {
  const route = ready.get(req.url ?? "");
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(route.status, route.headers).end(route.bytes);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`port ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGHUP", () => {
  ready = load();
  console.log("reloaded");
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
