// The server entry's settings, read once from the environment (merged into app/env.server.ts).
import { z } from "zod";

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  PICKET_QUIET: z.enum(["", "0", "1"]).default(""),
  PICKET_TRUST_PROXY: z.string().optional(),
  PICKET_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1536 * 1024),
  PICKET_PAGE_CACHE: z.enum(["0", "1"]).default("1"),
});

export function serverSettings(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.parse(env);
  const trust = parsed.PICKET_TRUST_PROXY;
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    quiet: parsed.PICKET_QUIET === "1",
    trustProxy: trust ? (/^\d+$/.test(trust) ? Number(trust) : trust) : undefined,
    maxBodyBytes: parsed.PICKET_MAX_BODY_BYTES,
    pageCache: parsed.PICKET_PAGE_CACHE === "1",
  };
}
