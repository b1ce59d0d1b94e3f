// Reads an export file of any format into the one shape the importer writes.
import { readBlogger } from "./blogger.server";
import { readDisqus } from "./disqus.server";
import type { ImportFormat, SourceForum } from "./forum.server";
import { readPicket } from "./picket.server";
import { readWordPress } from "./wordpress.server";

const READERS: Record<ImportFormat, (text: string) => SourceForum> = {
  blogger: readBlogger,
  wordpress: readWordPress,
  disqus: readDisqus,
  picket: readPicket,
};

export function readExport(format: ImportFormat, text: string): SourceForum {
  return READERS[format](text);
}
