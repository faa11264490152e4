// The page-load benchmark's yardstick: a plain node:http server in its own
// process answering each path with bytes and headers held in memory (what
// Candor answered for that path, captured beforehand). Reads the routes from
// the JSON file named by argv[2]; prints `port N` once listening.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

type Route = { status: number; headers: Record<string, string>; body: string };
const routes = JSON.parse(readFileSync(process.argv[2], "utf8")) as Record<string, Route>;
const ready = new Map(
  Object.entries(routes).map(([path, r]) => [path, { ...r, bytes: Buffer.from(r.body, "base64") }] as const),
);

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
process.on("SIGTERM", () => server.close(() => process.exit(0)));
