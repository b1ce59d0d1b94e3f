// Stopping the server (SIGTERM, as systemd and container runtimes do) loses nothing: a comment
// whose request is in flight is answered and stored, new connections are refused, live event
// streams are ended (their readers reconnect elsewhere), the database is closed, and the
// process exits with 0.
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { makePost } from "../factories";
import { killServerProcesses, startServerProcess } from "../server-process";

afterAll(killServerProcesses);

/** Starts a POST whose body is sent in two halves; the second half waits for `finish()`. */
function postInTwoHalves(url: string, fields: Record<string, string>) {
  const body = Buffer.from(new URLSearchParams(fields).toString());
  const half = Math.floor(body.length / 2);
  const request = http.request(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length) },
  });
  const answered = new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
    request.on("response", (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, location: response.headers.location }));
    });
    request.on("error", reject);
  });
  request.write(body.subarray(0, half));
  return { answered, finish: () => request.end(body.subarray(half)) };
}

/** Opens an event stream; `ended` settles when the server ends it. */
async function watchEventStream(url: string): Promise<{ ended: Promise<string> }> {
  const response = await fetch(url, { headers: { accept: "text/event-stream" } });
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = response.body!.getReader();
  const ended = (async () => {
    try {
      while (!(await reader.read()).done);
      return "ended by the server";
    } catch {
      return "cut off";
    }
  })();
  return { ended };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A GET on a connection of its own (never one kept alive from before). */
function newConnection(url: string) {
  return new Promise<number>((resolve, reject) => {
    http.get(url, { agent: false }, (response) => resolve(response.statusCode ?? 0)).on("error", reject);
  });
}

describe("graceful shutdown", () => {
  it("answers and stores a comment in flight at SIGTERM, ends live streams, closes the database and exits 0", async () => {
    const post = await makePost({ title: "Posted as the server stops" });
    const server = await startServerProcess();
    const stream = await watchEventStream(`${server.base}/posts/${post.slug}/events`);

    // The request is on its way (headers and half the body sent) when the signal comes.
    const inFlight = postInTwoHalves(`${server.base}/posts/${post.slug}`, {
      intent: "comment",
      body: "Sent just as the server was told to stop",
    });
    await pause(300);
    server.child.kill("SIGTERM");
    await pause(300);

    // It no longer takes new connections, and live readers are let go at once.
    await expect(newConnection(`${server.base}/`)).rejects.toThrow(/ECONNREFUSED/);
    expect(await stream.ended).toBe("ended by the server");
    expect(server.child.exitCode).toBeNull();

    inFlight.finish();
    const answer = await inFlight.answered;
    expect(answer.status).toBe(303);
    const id = Number(/#c-(\d+)$/.exec(answer.location ?? "")?.[1]);

    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("SIGTERM");
    const stored = await db.comment.findUnique({
      where: { id },
      select: { postId: true, bodyMarkdown: true, status: true },
    });
    expect(stored).toEqual({
      postId: post.id,
      bodyMarkdown: "Sent just as the server was told to stop",
      status: "published",
    });
  });

  it("stops when a supervisor sends SIGTERM to `npm start`, not only to Node", async () => {
    // A database of its own: `npm start` migrates it first.
    const file = path.join(os.tmpdir(), `picket-npm-start-${process.pid}-${Date.now()}.db`);
    const server = await startServerProcess({ npm: ["start"], env: { DATABASE_URL: `file:${file}` } });
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("SIGTERM");
    // No server is left behind on the port.
    await expect(newConnection(`${server.base}/`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("answers requests that arrive on kept-alive connections as it stops, and closes them after", async () => {
    const post = await makePost({ title: "Kept alive as the server stops" });
    const server = await startServerProcess();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const send = (method: string, path: string, body?: string) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const headers: Record<string, string> = body
          ? { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)) }
          : {};
        const request = http.request(`${server.base}${path}`, { method, agent, headers }, (response) => {
          response.resume();
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
          );
        });
        request.on("error", reject);
        request.end(body);
      });
    // Four connections opened and kept alive.
    await Promise.all(Array.from({ length: 4 }, () => send("GET", "/healthz")));
    server.child.kill("SIGTERM");
    await expect.poll(() => server.output()).toContain("SIGTERM");
    // Sent on those connections after the signal, before the client could know of it.
    const answers = await Promise.all([
      send("GET", `/posts/${post.slug}`),
      send("GET", "/"),
      send(
        "POST",
        `/posts/${post.slug}`,
        new URLSearchParams({ intent: "comment", body: "Posted on a kept-alive connection" }).toString(),
      ),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 303]);
    for (const answer of answers) expect(answer.connection).toBe("close");
    expect(await server.exited).toBe(0);
    expect(
      await db.comment.count({ where: { postId: post.id, bodyMarkdown: "Posted on a kept-alive connection" } }),
    ).toBe(1);
    agent.destroy();
  });
});
