// The browser's tab icon: the forum's logo, or Picket's mark when it has none.
import { logoResponse } from "~/lib/image.server";
import { PICKET_MARK_SVG, getLogo } from "~/models/settings.server";

export async function loader() {
  const logo = (await getLogo()) ?? { type: "image/svg+xml", bytes: Buffer.from(PICKET_MARK_SVG) };
  // Asked for at a fixed address: kept an hour, so a new logo shows within one.
  return logoResponse(logo, "public, max-age=3600");
}
