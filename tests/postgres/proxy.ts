// A TCP relay between an app instance and the real PostgreSQL server, for tests of what the
// instance does when the path to its database breaks: the relay can stop (connections refused,
// those open cut) and start again, or cut a connection when the app sends a given statement.
import net from "node:net";

type Cut = { text: string; sendFirst: boolean; remaining: number };

export class DatabaseRelay {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  private cuts: Cut[] = [];
  port = 0;

  constructor(private target = { host: "127.0.0.1", port: 5432 }) {}

  /** `databaseUrl` with its host and port replaced by the relay's. */
  url(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = "127.0.0.1";
    url.port = String(this.port);
    return url.toString();
  }

  /** Starts relaying, on the port it had before if it had one. */
  async open(): Promise<void> {
    const server = net.createServer((app) => this.relay(app));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Stops: new connections are refused and the open ones cut, as when the server goes away. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Cuts the next `times` connections that send `text` (a statement). With `sendFirst` the
   * database gets the statement and runs it, but its answer never reaches the app.
   */
  cutWhenSent(text: string, { sendFirst = false, times = 1 } = {}) {
    this.cuts.push({ text, sendFirst, remaining: times });
  }

  /** How many of the cuts asked for are yet to happen. */
  get cutsPending(): number {
    return this.cuts.reduce((n, cut) => n + cut.remaining, 0);
  }

  private relay(app: net.Socket) {
    const database = net.connect(this.target.port, this.target.host);
    for (const socket of [app, database]) {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    const cutBoth = () => {
      app.destroy();
      database.destroy();
    };
    // Set while the database still has a statement to run for an app that is gone.
    let finishing = false;
    app.on("close", () => {
      if (!finishing) database.destroy();
    });
    database.on("close", () => app.destroy());
    database.on("data", (chunk) => app.write(chunk));
    app.on("data", (chunk: Buffer) => {
      const cut = this.cuts.find((c) => c.remaining > 0 && chunk.includes(c.text));
      if (!cut) return void database.write(chunk);
      cut.remaining--;
      if (!cut.sendFirst) return cutBoth();
      finishing = true;
      // Long enough for the database to have run the statement before its connection goes.
      database.write(chunk, () => setTimeout(() => database.destroy(), 300));
      app.destroy();
    });
  }
}
