// Picket's production server: the page cache, then Express, in front of the Remix request handler.
// No request log line carries a network address.
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler as createRemixRequestHandler } from "@remix-run/node";
import accepts from "accepts";
import compression from "compression";
import express from "express";

const root = path.dirname(fileURLToPath(import.meta.url));
const BUILD_PATH = path.join(root, "build", "index.js");
const PORT = Number(process.env.PORT || 3000);
const HOST = process.env.HOST || "0.0.0.0";
const quiet = process.env.PICKET_QUIET === "1";

// ---------------------------------------------------------------------------------------------
// Hardening (docs/decisions/008-web-security.md): security headers with a fresh CSP nonce on
// every response, writes refused from other sites, bounded request bodies, graceful shutdown.

/**
 * The largest request body read, in bytes. The longest legitimate form is a post of 100,000
 * characters: at 4 bytes a character, percent-encoded to 3 characters a byte, 1.2 MB.
 */
const MAX_BODY_BYTES = Number(process.env.PICKET_MAX_BODY_BYTES) > 0 ? Number(process.env.PICKET_MAX_BODY_BYTES) : 1536 * 1024;
/** How long requests in flight may take to finish after SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

/** The policy, with the inline scripts allowed: a fresh page's by nonce, a cached page's by hash. */
const contentSecurityPolicy = (inlineScripts) =>
  [
    "default-src 'self'",
    `script-src 'self'${inlineScripts ? ` ${inlineScripts}` : ""}`,
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");

const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "interest-cohort=(), browsing-topics=(), camera=(), microphone=(), geolocation=()",
};

/** Every response, static files and errors included, carries the headers; pages get a fresh nonce. */
function securityHeaders() {
  return (req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(`'nonce-${nonce}'`));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const writeHead = res.writeHead;
    res.writeHead = function (status, ...rest) {
      // A 304 tells the browser to reuse its copy, whose scripts carry that copy's nonce.
      if (status === 304) this.removeHeader("Content-Security-Policy");
      return writeHead.call(this, status, ...rest);
    };
    next();
  };
}

function refuse(res, status, message) {
  res.status(status).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).send(`${message}\n`);
}

/** The host the client asked for: X-Forwarded-Host only from a trusted proxy. */
function requestHost(req) {
  const trusted = req.app.get("trust proxy fn")(req.socket.remoteAddress, 0);
  return (trusted && req.get("x-forwarded-host")?.split(",")[0].trim()) || req.get("host") || "";
}

/** This site's origin as the browser sees it (the scheme from X-Forwarded-Proto only behind a trusted proxy). */
function ownOrigin(req) {
  try {
    return new URL(`${req.protocol}://${requestHost(req)}`).origin;
  } catch {
    return null;
  }
}

const READ_ONLY_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses writes that another site's page makes a browser send (cross-site request forgery).
 * Browsers say where a request comes from in Sec-Fetch-Site, older ones in Origin; a request
 * with neither comes from an old browser or a program such as curl, which no other site can
 * drive, so it is let through.
 */
function sameSiteWritesOnly() {
  return (req, res, next) => {
    if (READ_ONLY_METHODS.has(req.method)) return next();
    const site = req.get("sec-fetch-site");
    const origin = req.get("origin");
    let allowed;
    if (site !== undefined) allowed = site === "same-origin" || site === "none";
    else if (origin === undefined) allowed = true;
    else {
      try {
        allowed = new URL(origin).origin === ownOrigin(req);
      } catch {
        allowed = false; // "null" (sandboxed frames, some redirects) cannot be checked
      }
    }
    if (allowed) return next();
    refuse(res, 403, "Cross-site request refused.");
  };
}

/**
 * Reads a request body into memory, refusing it with 413 as soon as it is longer than
 * `maxBytes`: at once when Content-Length says so, or while counting a chunked body.
 */
function limitBodies(maxBytes) {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const tooLarge = () => {
      // The client may still be sending: stop reading and close the connection after the answer.
      res.set("Connection", "close");
      refuse(res, 413, `Request too large: at most ${maxBytes.toLocaleString("en-GB")} bytes.`);
      req.unpipe();
      req.resume();
      res.on("finish", () => setTimeout(() => req.socket?.destroy(), 1000).unref());
    };
    const declared = Number(req.get("content-length"));
    if (declared > maxBytes) return tooLarge();
    const chunks = [];
    let size = 0;
    let settled = false;
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      settled = true;
      req.off("data", onData);
      chunks.length = 0;
      tooLarge();
    };
    req.on("data", onData);
    req.once("end", () => {
      if (settled) return;
      settled = true;
      req.bodyBytes = Buffer.concat(chunks, size);
      // No person types U+0000 and PostgreSQL cannot store it in text: a form carrying one is refused.
      const type = req.get("content-type") ?? "";
      const urlEncoded = /^application\/x-www-form-urlencoded/i.test(type);
      if ((urlEncoded || /^multipart\/form-data/i.test(type)) && (req.bodyBytes.includes(0) || (urlEncoded && req.bodyBytes.includes("%00")))) {
        return refuse(res, 400, "A form field contains a NUL character (U+0000), which cannot be stored.");
      }
      next();
    });
    // The client went away mid-body: nobody is left to answer.
    req.once("error", () => {
      if (settled) return;
      settled = true;
      res.destroy();
    });
  };
}

/**
 * At most `max` holders at once; the others wait their turn, first come first served.
 * `acquire` resolves with the function that gives the place up (once, however often called).
 */
export function limiter(max) {
  let active = 0;
  const waiting = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length;
    },
    async acquire() {
      if (active < max) active++;
      else await new Promise((resolve) => waiting.push(resolve));
      let held = true;
      return () => {
        if (held) (held = false), release();
      };
    },
  };
}

/**
 * Pages made at once. Each holds its data and its HTML in memory while it is made (a few MB for
 * a 1,000-comment thread): a crowd of readers the cache cannot serve (signed in, or the cache
 * off) queues here rather than taking the server past its memory.
 */
const MAX_PAGE_RENDERS = Number(process.env.PICKET_MAX_PAGE_RENDERS) > 0 ? Number(process.env.PICKET_MAX_PAGE_RENDERS) : 8;

/**
 * The Remix request handler (as @remix-run/express's, which reads the body itself): the request
 * gets the body read by limitBodies; event streams are tracked so shutdown can end them.
 */
function remixHandler({ build, getLoadContext, liveStreams }) {
  const handle = createRemixRequestHandler(build, process.env.NODE_ENV ?? "production");
  const renders = limiter(MAX_PAGE_RENDERS);
  return async (req, res, next) => {
    let url;
    try {
      url = new URL(`${req.protocol}://${requestHost(req)}${req.originalUrl}`);
    } catch {
      return refuse(res, 400, "Bad request.");
    }
    const controller = new AbortController();
    let request;
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.set(name, value);
      }
      const withBody = req.method !== "GET" && req.method !== "HEAD";
      request = new Request(url.href, { method: req.method, headers, signal: controller.signal, body: withBody ? (req.bodyBytes ?? null) : undefined });
    } catch {
      return refuse(res, 400, "Bad request.");
    }
    // A client that goes away aborts its loaders and actions. (The listener also keeps the
    // Request alive: a garbage-collected Request stops passing the abort on to the route's.)
    res.on("close", () => {
      if (!res.writableFinished && !request.signal.aborted) controller.abort();
    });
    // Reads take a turn (writes are queued by the app); an event stream gives its turn back at once.
    const done = req.method === "GET" || req.method === "HEAD" ? await renders.acquire() : () => undefined;
    res.once("close", done);
    if (res.destroyed || req.socket?.destroyed) return done();
    try {
      const response = await handle(request, await getLoadContext(req, res));
      if (/^text\/event-stream/i.test(response.headers.get("content-type") ?? "")) done();
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [name, value] of response.headers) {
        if (name === "set-cookie") res.append(name, value);
        else res.setHeader(name, value);
      }
      if (!response.body) return void res.end();
      const body = response.body.getReader();
      // A reader who leaves cancels the body, so the route's stream hears of it at once (an
      // abort signal alone can be lost: Remix re-wraps the Request and undici lets go of it).
      const stop = () => void body.cancel().catch(() => undefined);
      res.on("close", stop);
      if (/^text\/event-stream/i.test(response.headers.get("content-type") ?? "")) {
        res.flushHeaders();
        // At shutdown a live stream ends as if its reader had left; its browser reconnects.
        liveStreams.set(res, () => {
          controller.abort();
          stop();
        });
        res.on("close", () => liveStreams.delete(res));
      }
      for (;;) {
        const { done, value } = await body.read();
        if (done || res.destroyed) break;
        if (!res.write(value)) await drained(res);
        // Compression holds bytes back unless flushed: streamed pages and events go out as made.
        res.flush?.();
      }
      res.end();
    } catch (error) {
      next(error);
    }
  };
}

/** Resolves when a response can take more bytes, or is gone; leaves no listener behind. */
function drained(res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** The last handler: an error never shows a stack trace, and keeps the security headers. */
function answerErrors() {
  // Express knows an error handler by its four parameters.
  // eslint-disable-next-line no-unused-vars
  return (error, req, res, _next) => {
    if (res.headersSent || res.destroyed) return void res.destroy();
    console.error(error);
    refuse(res, 500, "Something went wrong. Nothing you wrote has been lost: go back and try again in a moment.");
  };
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, end live event streams (their readers
 * reconnect elsewhere), let requests in flight finish (cut after SHUTDOWN_GRACE_MS), then let
 * the app finish its writes and close the database, and exit 0.
 */
function shutDownGracefully({ server, build, liveStreams }) {
  let closing = false;
  let inFlight = 0;
  // Once the last answer is out, the remaining connections (kept alive, or opened and never
  // used) have nothing left to wait for.
  const closeConnectionsIfDone = () => {
    if (closing && inFlight === 0) setImmediate(() => server.closeAllConnections());
  };
  server.on("request", (_req, res) => {
    // A request that comes on a kept-alive connection during shutdown is answered, as the last.
    if (closing) res.setHeader("Connection", "close");
    inFlight++;
    res.once("close", () => {
      inFlight--;
      closeConnectionsIfDone();
    });
  });
  const shutdown = async (signal) => {
    if (closing) return;
    closing = true;
    if (!quiet) console.log(`${signal}: finishing the requests in flight, then stopping`);
    const closed = new Promise((resolve) => server.close(() => resolve()));
    for (const end of liveStreams.values()) end();
    setTimeout(() => {
      for (const res of liveStreams.keys()) res.destroy();
    }, 1000).unref();
    closeConnectionsIfDone();
    const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    await closed;
    clearTimeout(cut);
    try {
      await build.entry?.module?.handleShutdown?.();
    } catch (error) {
      console.error(error);
    }
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

const CACHE_TAGS_HEADER = "x-picket-cache";

/**
 * Answers from the page cache (app/lib/page-cache.server.ts), first of all, before Express:
 * a cached page needs none of its work, and a crowd of readers of one page is answered with
 * little garbage per request (Express's share of it caused the full collections behind the
 * cached thread's slowest answers). When a page the cache has held is rendered again (after a
 * change, or grown old), one reader renders it and the others wait for it, or are answered
 * with the old copy while it only grew old: a crowd never renders one page many times over.
 * A cached page is the same bytes for everyone: its inline scripts are allowed by hash rather
 * than by nonce, and browsers that take gzip get it gzipped once, not on every answer.
 * Calls `next` for every request it does not answer; `res.locals` is kept by Express.
 */
function answerFromPageCache(cache, rendering) {
  return async (req, res, next) => {
    if (!cache.cacheable(req.method, req.headers.cookie, req.headers.authorization)) return next();
    const key = req.url;
    let page = cache.get(key);
    if (!page && rendering.has(key)) {
      await rendering.get(key);
      page = cache.get(key);
    }
    if (page && (cache.isFresh(page) || rendering.has(key))) return sendCachedPage(req, res, page);
    if (cache.knows(key) && !rendering.has(key)) {
      let finish;
      const done = new Promise((resolve) => (finish = resolve));
      rendering.set(key, done);
      const renderedForCache = () => {
        if (rendering.get(key) === done) rendering.delete(key);
        finish();
      };
      res.locals = { renderedForCache };
      res.once("close", renderedForCache);
    }
    next();
  };
}

/** The headers of the answers with one cached page, worked out once per page and encoding. */
const cachedPageHeaders = new WeakMap();

function headersOf(page, gzipped) {
  let known = cachedPageHeaders.get(page);
  if (!known) cachedPageHeaders.set(page, (known = {}));
  const variant = gzipped ? "gzipped" : "plain";
  // The page's own headers, kept when it was stored, include the security headers.
  known[variant] ??= [
    ["Content-Security-Policy", contentSecurityPolicy(page.scriptHashes.join(" "))],
    ["Vary", "Accept-Encoding"],
    ...page.headers,
    ["ETag", gzipped ? gzipEtagOf(page) : page.etag],
    ...(gzipped ? [["Content-Encoding", "gzip"]] : []),
    ["Content-Length", String((gzipped ? page.gzipped : page.body).length)],
  ].flat();
  return known[variant];
}

const gzipEtagOf = (page) => `${page.etag.slice(0, -1)}-gz"`;

function sendCachedPage(req, res, page) {
  const gzipped = Boolean(page.gzipped) && accepts(req).encodings("gzip", "identity") === "gzip";
  const etag = gzipped ? gzipEtagOf(page) : page.etag;
  const ifNoneMatch = req.headers["if-none-match"];
  const lastModified = page.headers.find(([name]) => name === "last-modified")?.[1];
  const notModified = ifNoneMatch
    ? ifNoneMatch.split(/\s*,\s*/).some((tag) => tag === page.etag || tag === gzipEtagOf(page))
    : Boolean(lastModified) && Date.parse(req.headers["if-modified-since"] ?? "") >= Date.parse(lastModified);
  // A 304 tells the browser to reuse its copy, whose scripts its own policy allows.
  if (notModified) return void res.writeHead(304, [...Object.entries(SECURITY_HEADERS), ["Vary", "Accept-Encoding"], ["ETag", etag]].flat()).end();
  res.writeHead(page.status, headersOf(page, gzipped));
  res.end(req.method === "HEAD" ? undefined : gzipped ? page.gzipped : page.body);
}

/**
 * Stores the pages the app marks with an X-Picket-Cache header (which never leaves the
 * server), as they are sent. Runs after compression, so it keeps uncompressed bytes.
 */
function storeInPageCache(cache) {
  return (req, res, next) => {
    if (req.method !== "GET" || !cache.cacheable(req.method, req.headers.cookie, req.headers.authorization)) return next();
    const key = req.originalUrl;
    // What the page will show is read after this: a change from now on keeps it out of the cache.
    const renderedFrom = cache.currentEpoch;
    const chunks = [];
    let tags = null;
    const write = res.write;
    const end = res.end;
    const takeTags = () => {
      if (tags !== null || res.headersSent) return;
      tags = String(res.getHeader(CACHE_TAGS_HEADER) ?? "");
      res.removeHeader(CACHE_TAGS_HEADER);
    };
    res.write = function (chunk, ...rest) {
      takeTags();
      // Only pages marked for the cache are kept: never a live event stream, say.
      if (chunk && tags) chunks.push(Buffer.from(chunk));
      return write.call(this, chunk, ...rest);
    };
    res.end = function (chunk, ...rest) {
      takeTags();
      if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk));
      if (tags && res.statusCode === 200 && !res.getHeader("set-cookie")) {
        const headers = Object.entries(res.getHeaders())
          .filter(([name]) => !["content-length", "content-encoding", "etag", "vary", "set-cookie", "date", "connection", "transfer-encoding", "content-security-policy"].includes(name))
          .map(([name, value]) => [name, String(value)]);
        const page = cache.set(key, { status: 200, headers, body: Buffer.concat(chunks), tags: tags.split(/\s+/).filter(Boolean) }, Date.now(), renderedFrom);
        if (page) cache.gzip(key, page).catch((error) => console.error(error));
      }
      // Readers waiting for this page are answered from the cache now, not when a slow
      // reader has taken the last byte.
      res.locals.renderedForCache?.();
      return end.call(this, chunk, ...rest);
    };
    next();
  };
}

export async function startServer({ port = PORT, host = HOST } = {}) {
  const build = await import(BUILD_PATH);
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For is believed only when PICKET_TRUST_PROXY names the proxies to trust
  // (e.g. "loopback", "1", or addresses), as Express's "trust proxy" setting.
  const trustProxy = process.env.PICKET_TRUST_PROXY;
  if (trustProxy) app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
  app.use(securityHeaders());
  // Whole pages for readers without a session or a browser key (app/lib/page-cache.server.ts).
  const pages = await (build.entry?.module?.pageCache?.() ?? null);
  const fromPageCache = pages ? answerFromPageCache(pages, new Map()) : null;
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
  app.use(sameSiteWritesOnly());
  app.use(limitBodies(MAX_BODY_BYTES));
  if (pages) app.use(storeInPageCache(pages));
  // "/tags/<name>.atom" is the tag's feed, served by the route at "/tags/<name>/feed.atom".
  app.get(/^\/tags\/[^/]+\.atom$/, (req, _res, next) => {
    const [path, query = ""] = req.originalUrl.split("?");
    req.url = req.originalUrl = `${path.slice(0, -".atom".length)}/feed.atom${query ? `?${query}` : ""}`;
    next();
  });
  const liveStreams = new Map();
  app.all(
    "*",
    remixHandler({
      build,
      liveStreams,
      // The address is handed to the app only to compute a network cloak.
      getLoadContext: (req, res) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "", cspNonce: res.locals.cspNonce, dataRequest: req.query._data !== undefined }),
    }),
  );
  app.use(answerErrors());

  const server = http.createServer(
    fromPageCache
      ? (req, res) =>
          fromPageCache(req, res, () => app(req, res)).catch((error) => {
            console.error(error);
            res.destroy();
          })
      : app,
  );
  await new Promise((resolve) => server.listen(port, host, resolve));
  // Longer than load balancers' and clients' idle timeouts, so a kept-alive connection is
  // never closed by us just as a client reuses it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  if (!quiet) console.log(`Picket is listening on http://${host === "0.0.0.0" ? "localhost" : host}:${boundPort}`);

  shutDownGracefully({ server, build, liveStreams });
  return { server, port: boundPort };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await startServer();
}
