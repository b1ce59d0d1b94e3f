import { defineConfig } from "prisma/config";

// The database URL is read at run time by app/lib/db.server.ts; the CLI only generates the client.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
