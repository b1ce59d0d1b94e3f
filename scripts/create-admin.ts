// npm run admin:create -- <username>: creates the first admin of a real forum (one without the
// demo). The password is PICKET_ADMIN_PASSWORD if set, else a new one printed once.
import { randomBytes } from "node:crypto";
import { settings } from "../app/env.server";
import { disconnect } from "../app/lib/db.server";
import { applyMigrations } from "../app/lib/migrations.server";
import { ForumError } from "../app/models/errors.server";
import { createUser } from "../app/models/users.server";
import { installDefaultGlossary } from "../app/models/tags.server";

const username = process.argv[2];
if (!username) {
  console.error("Usage: npm run admin:create -- <username>");
  process.exit(2);
}
await applyMigrations();
await installDefaultGlossary();
const given = settings().adminPassword;
const password = given ?? randomBytes(12).toString("base64url");
try {
  await createUser({ username, password, role: "admin" });
  console.log(`Created the admin account "${username}".`);
  if (!given) console.log(`Its password (shown once): ${password}`);
} catch (error) {
  if (!(error instanceof ForumError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
await disconnect();
