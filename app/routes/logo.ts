// The forum's logo, as uploaded at /admin/settings. Its address carries its version, so a
// browser keeps it for good; an older or missing version is still answered, briefly cached.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { logoResponse } from "~/lib/image.server";
import { getLogo } from "~/models/settings.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const logo = await getLogo();
  if (!logo) throw new Response("Not Found", { status: 404 });
  const current = new URL(request.url).searchParams.get("v") === logo.version;
  return logoResponse(logo, current ? "public, max-age=31536000, immutable" : "public, max-age=300");
}
