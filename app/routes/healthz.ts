import { json } from "@remix-run/node";
import { databaseIsReachable } from "~/lib/db.server";

export async function loader() {
  const database = await databaseIsReachable();
  return json({ status: database ? "ok" : "unavailable", database: database ? "ok" : "unreachable" }, { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
