// Picket's production server: Remix's Express adapter with well-kept middleware for security
// headers (helmet), compression and graceful shutdown (close-with-grace). The page cache is one
// module of the app (app/lib/page-cache.server.ts) that this entry mounts when it is switched on.
// No request log line carries a network address.
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import closeWithGrace from "close-with-grace";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import onHeaders from "on-headers";
import type { PageCache } from "./app/lib/page-cache.server";
import { settings as readSettings } from "./app/env.server";

const root = path.dirname(fileURLToPath(import.meta.url));
const BUILD_PATH = path.join(root, "build", "index.js");

/** How long requests in flight may take to finish after SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;
/**
 * After SIGTERM, how long a kept-alive connection may still deliver a request the client sent
 * before it learnt of the shutdown; it is answered (with `Connection: close`), not reset.
 */
const KEPT_ALIVE_DRAIN_MS = 1_000;

type PicketBuild = ServerBuild & {
  entry: ServerBuild["entry"] & {
    module: ServerBuild["entry"]["module"] & {
      pageCache?: (options: { remakeMs: number }) => Promise<PageCache> | null;
      findDatabaseProblem?: () => Promise<string | null>;
      handleShutdown?: (served: Promise<void>) => Promise<void>;
    };
  };
};

/** Aborted when the response can no longer be written to: a live stream's reader has left. */
function readerGone(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => controller.abort());
  return controller.signal;
}

/** Security headers on every response (decision 008); pages get a fresh CSP nonce. */
function securityHeaders() {
  return [
    (_req: Request, res: Response, next: NextFunction) => {
      res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
      // A 304 tells the browser to reuse its copy, whose scripts carry that copy's nonce.
      onHeaders(res, () => {
        if (res.statusCode === 304) res.removeHeader("Content-Security-Policy");
      });
      next();
    },
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          "style-src": ["'self'"],
          "img-src": ["'self'"],
          "font-src": ["'self'"],
          "connect-src": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'none'"],
          "frame-ancestors": ["'none'"],
          "form-action": ["'self'"],
        },
      },
      referrerPolicy: { policy: "same-origin" },
      frameguard: { action: "deny" },
      crossOriginEmbedderPolicy: false,
      // Plain HTTP on a trusted network stays possible (PICKET_INSECURE_COOKIES).
      strictTransportSecurity: false,
    }),
    (_req: Request, res: Response, next: NextFunction) => {
      res.setHeader(
        "Permissions-Policy",
        "interest-cohort=(), browsing-topics=(), camera=(), microphone=(), geolocation=()",
      );
      next();
    },
  ];
}

function refuse(res: Response, status: number, message: string) {
  res
    .status(status)
    .set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" })
    .send(`${message}\n`);
}

const READ_ONLY_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses writes that another site's page makes a browser send (cross-site request forgery).
 * Browsers say where a request comes from in Sec-Fetch-Site, older ones in Origin; a request
 * with neither comes from a program such as curl, which no other site can drive.
 */
function sameSiteWritesOnly() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (READ_ONLY_METHODS.has(req.method)) return next();
    const site = req.get("sec-fetch-site");
    const origin = req.get("origin");
    let allowed: boolean;
    if (site !== undefined) allowed = site === "same-origin" || site === "none";
    else if (origin === undefined) allowed = true;
    else {
      try {
        allowed = new URL(origin).origin === new URL(`${req.protocol}://${req.get("host")}`).origin;
      } catch {
        allowed = false; // "null" (sandboxed frames, some redirects) cannot be checked
      }
    }
    if (allowed) return next();
    refuse(res, 403, "Cross-site request refused.");
  };
}

/**
 * Bounds request bodies by their declared length: browsers always declare it for a form, and
 * Node reads no more than declared. A body of unknown length is refused rather than counted.
 */
function limitBodies(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const declared = req.get("content-length");
    if (declared === undefined && req.get("transfer-encoding")) {
      res.set("Connection", "close");
      return refuse(res, 411, "Send the length of the request (Content-Length).");
    }
    if (Number(declared ?? 0) > maxBytes) {
      // The client may still be sending: close the connection after the answer.
      res.set("Connection", "close");
      return refuse(res, 413, `Request too large: at most ${maxBytes.toLocaleString("en-GB")} bytes.`);
    }
    next();
  };
}

function requestLog() {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(`${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  };
}

/** The last handler: an error never shows a stack trace, and keeps the security headers. */
function answerErrors() {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    console.error(error);
    refuse(res, 500, "Something went wrong. Nothing you wrote has been lost: go back and try again in a moment.");
  };
}

/**
 * Stops the server without resetting a request it has accepted: no new connections, every
 * answer from now on closes its connection, and connections kept alive get a moment to deliver
 * what their clients already sent before idle ones are closed.
 */
function stopServing(server: http.Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => {
    // net.Server's close: stop accepting, without http.Server's immediate cut of idle connections.
    (Object.getPrototypeOf(http.Server.prototype) as { close: (this: http.Server, cb: () => void) => void }).close.call(
      server,
      resolve,
    );
  });
  const drain = setTimeout(() => {
    server.closeIdleConnections();
    // A connection that answers its last request after this closes itself (Connection: close).
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    void closed.then(() => clearInterval(sweep));
  }, KEPT_ALIVE_DRAIN_MS);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  return closed.finally(() => {
    clearTimeout(drain);
    clearTimeout(cut);
  });
}

export async function startServer({ port, host }: { port?: number; host?: string } = {}) {
  const settings = readSettings();
  const build = (await import(BUILD_PATH)) as PicketBuild;
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For is believed only from the proxies PICKET_TRUST_PROXY names.
  if (settings.trustProxy !== null) app.set("trust proxy", settings.trustProxy);
  let stopping = false;
  app.use((_req, res, next) => {
    if (stopping) res.set("Connection", "close");
    next();
  });
  app.use(securityHeaders());
  // "/tags/<name>.atom" is the tag's feed, served by the route at "/tags/<name>/feed.atom".
  app.get(/^\/tags\/[^/]+\.atom$/, (req, _res, next) => {
    const [pathname, query = ""] = req.url.split("?");
    // Remix's adapter reads the address from originalUrl.
    req.url = req.originalUrl = `${pathname.slice(0, -".atom".length)}/feed.atom${query ? `?${query}` : ""}`;
    next();
  });
  const pages = settings.pageCache
    ? await (build.entry.module.pageCache?.({ remakeMs: settings.pageRemakeMs }) ?? null)
    : null;
  if (pages) app.use(pages.middleware());
  // Server-sent events must reach the reader as they happen, not wait in a compressor.
  app.use(
    compression({
      filter: (req, res) =>
        !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") && compression.filter(req, res),
    }),
  );
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  if (!settings.quiet) app.use(requestLog());
  app.use(sameSiteWritesOnly());
  app.use(limitBodies(settings.maxBodyBytes));
  app.all(
    "*",
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Remix's handler passes its errors to next()
    createRequestHandler({
      build,
      mode: settings.nodeEnv,
      // The address is handed to the app only to compute a network cloak.
      getLoadContext: (req, res) => ({
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "",
        readerGone: readerGone(res),
        cspNonce: res.locals.cspNonce as string,
        dataRequest: req.query._data !== undefined,
      }),
    }),
  );
  app.use(answerErrors());

  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(port ?? settings.port, host ?? settings.host, resolve));
  // Longer than load balancers' and clients' idle timeouts, so a kept-alive connection is
  // never closed by us just as a client reuses it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : (port ?? settings.port);
  const shownHost = (host ?? settings.host) === "0.0.0.0" ? "localhost" : (host ?? settings.host);
  if (!settings.quiet) console.log(`Picket is listening on http://${shownHost}:${boundPort}`);

  /** Finishes what was accepted, ends live streams, closes the database. */
  const stop = async () => {
    stopping = true;
    const served = stopServing(server, SHUTDOWN_GRACE_MS);
    await build.entry.module.handleShutdown?.(served);
  };
  return { server, port: boundPort, stop };
}

/** Serves until SIGTERM or SIGINT, then stops gracefully and exits 0 (`npm start`, `npm run serve`). */
export async function serve() {
  // A database that cannot be read or written is said at once, with how to mend it.
  const build = (await import(BUILD_PATH)) as PicketBuild;
  const problem = await build.entry.module.findDatabaseProblem?.();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  const started = await startServer();
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS + 5_000 }, async ({ signal, err }) => {
    if (err) console.error(err);
    if (signal) console.log(`${signal}: finishing the requests in flight, then stopping`);
    await started.stop();
  });
  return started;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await serve();
