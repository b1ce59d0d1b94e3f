import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { orHttpError } from "~/lib/http.server";
import { findOldAddress } from "~/models/import.server";

/** The shape of an imported blog's post addresses: /2019/03/slug.html, /2019/03/14/slug/. */
const OLD_POST_ADDRESS = /^\/\d{4}\/\d{2}\/(?:\d{2}\/)?[^/]+\/?$/;

// Any address no other route claims: an imported post's old address leads to the post (301);
// anything else is the styled 404 page.
export async function loader({ request }: LoaderFunctionArgs) {
  const { pathname } = new URL(request.url);
  const slug = OLD_POST_ADDRESS.test(pathname) ? await orHttpError(findOldAddress(pathname.replace(/\/$/, ""))) : null;
  if (slug) return redirect(`/posts/${encodeURIComponent(slug)}`, 301);
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
