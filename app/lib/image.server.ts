// Answers with an image the forum stores (its logo); the server's headers forbid type sniffing. An SVG is an XML document a browser could
// open on its own: it is answered with a policy that lets nothing in it run or load.
export function logoResponse({ type, bytes }: { type: string; bytes: Buffer }, cacheControl: string): Response {
  const headers: Record<string, string> = {
    "Content-Type": type,
    "Content-Length": String(bytes.length),
    "Cache-Control": cacheControl,
  };
  if (type === "image/svg+xml")
    headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
  return new Response(new Uint8Array(bytes), { status: 200, headers });
}
