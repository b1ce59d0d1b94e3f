// Small helpers shared by route modules.
import { ForumError } from "~/models/errors.server";

/** A positive page number from `?page=`, 1 when absent or malformed. */
export function pageParam(url: URL, name = "page"): number {
  const raw = url.searchParams.get(name);
  return raw && /^\d{1,6}$/.test(raw) && Number(raw) > 0 ? Number(raw) : 1;
}

/** A numeric route parameter, or a 404 when it is not one. */
export function idParam(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value)) throw new Response("Not Found", { status: 404 });
  return Number(value);
}

/** Runs a model read; its ForumError becomes the matching HTTP error response. */
export async function orHttpError<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ForumError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
