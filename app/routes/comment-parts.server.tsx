// Each comment's HTML is made once and kept (decision 018): a thread page is assembled from the
// kept parts, so a change to a thread costs what the changed comments cost, not the whole thread.
import { renderToStaticMarkup } from "react-dom/server";
import { CommentMain, CommentMeta, CommentVoice, type PartLinks, type ThreadComment } from "~/components/CommentThread";
import type { PageComment, SharedComment, ThreadPage } from "~/models/comments.server";

/** What a thread's data carries of a comment besides its replies. */
type Part = Omit<ThreadComment, "replies" | "hiddenReplies">;
type Kept = { key: string; part: Part };

/** Parts kept, by comment id; the least recently used go first past the budget. */
const kept = new Map<number, Kept>();
let keptChars = 0;
/** Some ten threads of a thousand comments. */
const BUDGET_CHARS = 4 * 1024 * 1024;

const sizeOf = (entry: Kept) =>
  entry.key.length + entry.part.head.length + entry.part.meta.length + entry.part.main.length;

/** A comment's parts, made from what the page shows of it. */
function partOf(comment: PageComment, links: PartLinks): Part {
  const part: Part = {
    id: comment.id,
    author: comment.author,
    createdAt: comment.createdAt,
    head: renderToStaticMarkup(<CommentVoice comment={comment} />),
    meta: renderToStaticMarkup(<CommentMeta comment={comment} links={links} />),
    main: renderToStaticMarkup(<CommentMain comment={comment} />),
  };
  if (comment.status) part.status = comment.status;
  if (comment.mine) part.mine = true;
  if (comment.editable) part.editable = true;
  return part;
}

/** The kept part of a comment at this version, made with these links; moved to the back of the line. */
function keptPart(id: number, key: string): Part | undefined {
  const entry = kept.get(id);
  if (entry?.key !== key) return undefined;
  kept.delete(id);
  kept.set(id, entry);
  return entry.part;
}

function keep(id: number, key: string, part: Part) {
  const old = kept.get(id);
  if (old) keptChars -= sizeOf(old);
  kept.delete(id);
  const entry = { key, part };
  kept.set(id, entry);
  keptChars += sizeOf(entry);
  for (const [oldest, oldEntry] of kept) {
    if (keptChars <= BUDGET_CHARS) break;
    keptChars -= sizeOf(oldEntry);
    kept.delete(oldest);
  }
}

/**
 * A page every reader shares, its comments with their parts: the kept ones as they are, the
 * others made from what `read` shows of them (it reads only the comments whose version is not kept).
 */
export async function sharedThread(
  links: PartLinks,
  read: (known: (id: number, version: string) => boolean) => Promise<ThreadPage>,
) {
  const keyOf = (version: string) => `${version} ${links.slug} ${links.commentsOpen} ${links.shortLinks}`;
  const found = new Map<number, Part>();
  const page = await read((id, version) => {
    const part = keptPart(id, keyOf(version));
    if (part) found.set(id, part);
    return part !== undefined;
  });
  const assemble = (comments: SharedComment[]): ThreadComment[] =>
    comments.map((comment) => {
      let part = found.get(comment.id);
      if (!part) {
        // Not found kept, so `read` was told it is unknown, and read what it shows.
        part = partOf(comment.shown!, links);
        keep(comment.id, keyOf(comment.version), part);
      }
      const shown: ThreadComment = { ...part };
      if (comment.replies) shown.replies = assemble(comment.replies);
      if (comment.hiddenReplies) shown.hiddenReplies = comment.hiddenReplies;
      return shown;
    });
  return { ...page, comments: assemble(page.comments) };
}

/** The parts of comments shown to one reader (their own page of a comment): made, not kept. */
export function personalParts(comments: PageComment[], links: PartLinks): ThreadComment[] {
  return comments.map((comment) => {
    const shown: ThreadComment = partOf(comment, links);
    if (comment.replies) shown.replies = personalParts(comment.replies, links);
    if (comment.hiddenReplies) shown.hiddenReplies = comment.hiddenReplies;
    return shown;
  });
}
