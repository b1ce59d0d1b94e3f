// A real Picket server on a free port, and a small browser that keeps cookies, for tests
// that go through HTTP exactly as a reader's browser does.
import type { SerializeFrom } from "@remix-run/node";
import { afterAll, beforeAll } from "vitest";
import { buildIsStale } from "../../scripts/build-age";

export type App = { base: string; close: () => Promise<void> };

export type Personal = {
  member: { username: string; editor: boolean; moderator: boolean; admin: boolean; queueSize: number } | null;
  voices: { value: string; label: string }[];
  thread: { postId: number; following: boolean | null; own: { id: number; editable: boolean; held: boolean }[] } | null;
};

// The server runs the build; testing a stale one would test old code.
function assertFreshBuild() {
  if (buildIsStale(["app"])) {
    throw new Error("The app build is missing or older than app/: run `npm run build` (npm test does it for you).");
  }
}

export async function startApp(): Promise<App> {
  assertFreshBuild();
  const { startServer } = await import("../../server");
  const { server, port } = await startServer({ port: 0, host: "127.0.0.1" });
  return {
    base: `http://127.0.0.1:${port}`,
    // Every request is answered by now: also close kept-alive connections, and ones the client
    // opened but never used (server.close() alone waits a minute for those).
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Starts one server for the test file and returns a getter for its base URL. */
export function useApp(): () => string {
  let app: App | undefined;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  return () => {
    if (!app) throw new Error("The app is not started yet");
    return app.base;
  };
}

/** What the routes' loaders send, by route id, so tests read their data with its real type. */
export type LoaderData = {
  "routes/_index": SerializeFrom<typeof import("~/routes/_index").loader>;
  "routes/admin.posts._index": SerializeFrom<typeof import("~/routes/admin.posts._index").loader>;
  "routes/me.submissions": SerializeFrom<typeof import("~/routes/me.submissions").loader>;
  "routes/posts.$slug": SerializeFrom<typeof import("~/routes/posts.$slug").loader>;
  "routes/posts.$slug_.comments.$id": SerializeFrom<typeof import("~/routes/posts.$slug_.comments.$id").loader>;
  "routes/tags.$tag": SerializeFrom<typeof import("~/routes/tags.$tag").loader>;
  "routes/tags._index": SerializeFrom<typeof import("~/routes/tags._index").loader>;
  "routes/search": SerializeFrom<typeof import("~/routes/search").loader>;
};

/** A browser: keeps its cookies between requests, never follows redirects by itself. */
export class TestBrowser {
  cookies = new Map<string, string>();
  constructor(private base: () => string) {}

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(this.base() + path, {
      redirect: "manual",
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response);
    return response;
  }

  async post(path: string, fields: Record<string, string | number>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));
    const response = await fetch(this.base() + path, {
      method: "POST",
      redirect: "manual",
      body,
      headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded", ...headers },
    });
    this.remember(response);
    return response;
  }

  /** Sends a form as a browser sends one with a file in it (multipart). */
  async upload(path: string, form: FormData, headers: Record<string, string> = {}) {
    const response = await fetch(this.base() + path, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response);
    return response;
  }

  /** What is this browser's own on a page (/me.json), as the page's scripts fetch it; on a thread with `post`. */
  async personal(post?: string): Promise<Personal> {
    const response = await this.get(post === undefined ? "/me.json" : `/me.json?post=${encodeURIComponent(post)}`);
    if (response.status !== 200) throw new Error(`/me.json answered ${response.status}`);
    return (await response.json()) as Personal;
  }

  /** The loader data of a route, as the Remix client fetches it. */
  async data<R extends keyof LoaderData>(
    path: string,
    routeId: R,
  ): Promise<{ status: number; data: LoaderData[R]; text: string }> {
    const sep = path.includes("?") ? "&" : "?";
    const response = await this.get(`${path}${sep}_data=${encodeURIComponent(routeId)}`);
    const text = await response.text();
    return { status: response.status, data: JSON.parse(text) as LoaderData[R], text };
  }
}

/** A browser on one instance whose every request carries `headers` (say, its own network). */
export function browserOn(base: string, headers: Record<string, string> = {}) {
  const browser = new TestBrowser(() => base);
  const get = browser.get.bind(browser);
  const post = browser.post.bind(browser);
  browser.get = (path, extra = {}) => get(path, { ...headers, ...extra });
  browser.post = (path, fields, extra = {}) => post(path, fields, { ...headers, ...extra });
  return browser;
}

/** Decodes the HTML entities React writes, for searching page text. */
export function pageText(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
