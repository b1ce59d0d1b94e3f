import { json } from "@remix-run/node";
import { databaseHealth } from "~/lib/db.server";

/** For load balancers and monitors: 200, or 503 with a short reason ("disk full"), never a path. */
export async function loader() {
  const trouble = await databaseHealth();
  return json(
    { status: trouble ? "unavailable" : "ok", database: trouble ?? "ok" },
    { status: trouble ? 503 : 200, headers: { "Cache-Control": "no-store" } },
  );
}
