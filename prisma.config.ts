import { defineConfig } from "prisma/config";
import { SEARCH_TABLES } from "./app/lib/search-tables";

// The database URL is read at run time by app/lib/db.server.ts; the CLI only generates the client.
// The full-text indexes are made by hand in the migrations; Prisma leaves them alone.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { externalTables: true },
  tables: { external: SEARCH_TABLES },
});
