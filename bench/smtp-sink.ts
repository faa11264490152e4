// A counting SMTP sink in its own process, so that Candor and the raw
// nodemailer ceiling talk to the same server under the same conditions:
// smtp-server accepting everything, discarding bodies, counting messages and
// bytes. Prints `port N` once listening; GET http://127.0.0.1:<stats port>/
// (printed as `stats N`) answers {messages, bytes}.
import { createServer } from "node:http";
import { SMTPServer } from "smtp-server";

let messages = 0;
let bytes = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  maxClients: 200,
  onData(stream, _session, callback) {
    stream.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    stream.on("end", () => {
      messages++;
      callback();
    });
  },
});
server.listen(0, "127.0.0.1", () => {
  const address = server.server.address();
  console.log(`port ${typeof address === "object" && address ? address.port : 0}`);
});
const stats = createServer((_req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ messages, bytes }));
});
stats.listen(0, "127.0.0.1", () => {
  const address = stats.address();
  console.log(`stats ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  stats.close();
});
