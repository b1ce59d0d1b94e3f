// Reads a server-sent event stream in a test, as a browser's EventSource would.
export type StreamReader = {
  events: { event: string; data: string }[];
  next: (event: string, timeoutMs?: number) => Promise<{ event: string; data: string }>;
  close: () => void;
};

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<StreamReader> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: "text/event-stream", ...headers },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.headers.get("content-type")?.startsWith("text/event-stream"))
    throw new Error(`Not an event stream: ${response.status}`);
  const events: { event: string; data: string }[] = [];
  const waiters: (() => void)[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) {
            events.push({ event, data });
            waiters.splice(0).forEach((w) => w());
          }
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    next(event, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const started = events.length;
        const timer = setTimeout(
          () => reject(new Error(`No "${event}" event within ${timeoutMs} ms (got ${JSON.stringify(events)})`)),
          timeoutMs,
        );
        const check = () => {
          const found = events.slice(started).find((e) => e.event === event) ?? null;
          if (found) {
            clearTimeout(timer);
            resolve(found);
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => controller.abort(),
  };
}
