// npm run export [-- <file>]: writes the whole forum, as its pages show it, in Picket's export
// format (docs/export-format.md) to exports/picket-<date and time>.jsonl or <file>. Nothing a
// page would not show is written: no author references, hashes, accounts, sessions or secrets.
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { disconnect } from "../app/lib/db.server";
import { exportForum } from "../app/models/export.server";

const file = path.resolve(
  process.argv[2] ||
    path.join(
      "exports",
      `picket-${new Date()
        .toISOString()
        .replace(/\.\d+Z$/, "Z")
        .replace(/:/g, "-")}.jsonl`,
    ),
);
if (existsSync(file)) {
  console.error(`${file} already exists: name another file.`);
  process.exit(1);
}
mkdirSync(path.dirname(file), { recursive: true });
// Written beside its name and renamed when whole, so a file of that name is never half an export.
const partial = `${file}.partial`;
const stream = createWriteStream(partial);
const started = performance.now();
try {
  const counts = await exportForum(async (json) => {
    if (!stream.write(`${json}\n`)) await once(stream, "drain");
  });
  stream.end();
  await once(stream, "finish");
  renameSync(partial, file);
  console.log(
    `Exported ${counts.posts} post(s), ${counts.comments} comment(s), ${counts.tags} tag(s) and ${counts.log} log entr(ies) to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
} finally {
  await disconnect();
}
