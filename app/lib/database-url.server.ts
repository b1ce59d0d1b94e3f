// Which database a URL names. SQLite (a file under data/) is the embedded default; a
// postgres:// or postgresql:// URL selects PostgreSQL.
import path from "node:path";
import { settings } from "~/env.server";

export type DatabaseTarget =
  { provider: "sqlite"; file: string; url: string } | { provider: "postgresql"; url: string };

export function databaseTarget(url = settings().databaseUrl, provider?: DatabaseTarget["provider"]): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (provider === "sqlite") throw new Error("A PostgreSQL URL was given for an SQLite database");
    return { provider: "postgresql", url };
  }
  if (provider === "postgresql") throw new Error(`Not a PostgreSQL URL: ${url}`);
  if (url === ":memory:") return { provider: "sqlite", file: ":memory:", url };
  if (!url.startsWith("file:"))
    throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${url.slice(0, 20)}...")`);
  const file = path.resolve(url.slice("file:".length));
  return { provider: "sqlite", file, url: `file:${file}` };
}
