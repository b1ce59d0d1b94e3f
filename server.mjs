// Picket's production server: Express in front of the Remix request handler.
// No request log line carries a network address.
import path from "node:path";
import { fileURLToPath } from "node:url";
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

const root = path.dirname(fileURLToPath(import.meta.url));
const BUILD_PATH = path.join(root, "build", "index.js");
const PORT = Number(process.env.PORT || 3000);
const HOST = process.env.HOST || "0.0.0.0";
const quiet = process.env.PICKET_QUIET === "1";

export async function startServer({ port = PORT, host = HOST } = {}) {
  const build = await import(BUILD_PATH);
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For is believed only when PICKET_TRUST_PROXY names the proxies to trust
  // (e.g. "loopback", "1", or addresses), as Express's "trust proxy" setting.
  const trustProxy = process.env.PICKET_TRUST_PROXY;
  if (trustProxy) app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
  // Server-sent events must reach the reader as they happen, not wait in a compressor.
  app.use(compression({ filter: (req, res) => !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") && compression.filter(req, res) }));
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  if (!quiet) {
    app.use((req, res, next) => {
      const started = process.hrtime.bigint();
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        console.log(`${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)}ms`);
      });
      next();
    });
  }
  // "/tags/<name>.atom" is the tag's feed, served by the route at "/tags/<name>/feed.atom".
  app.get(/^\/tags\/[^/]+\.atom$/, (req, _res, next) => {
    const [path, query = ""] = req.originalUrl.split("?");
    req.url = req.originalUrl = `${path.slice(0, -".atom".length)}/feed.atom${query ? `?${query}` : ""}`;
    next();
  });
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV ?? "production",
      // The address is handed to the app only to compute a network cloak.
      getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "" }),
    }),
  );

  const server = await new Promise((resolve) => {
    const s = app.listen(port, host, () => resolve(s));
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  if (!quiet) console.log(`Picket is listening on http://${host === "0.0.0.0" ? "localhost" : host}:${boundPort}`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return { server, port: boundPort };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await startServer();
}
