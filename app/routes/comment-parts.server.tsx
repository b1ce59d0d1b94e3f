// Each comment's text is made into HTML once and kept (decision 018): a thread page is assembled
// from the kept texts and a few facts per comment, so a change to a thread costs what the changed
// comments cost, not the whole thread.
import { renderToStaticMarkup } from "react-dom/server";
import { CommentMain, type ThreadComment } from "~/components/CommentThread";
import type { PageComment, SharedComment, ThreadPage } from "~/models/comments.server";

/** What a thread's data carries of a comment besides its replies. */
type Part = Omit<ThreadComment, "replies" | "hiddenReplies">;
type Kept = { version: string; part: Part };

/** Parts kept, by comment id; the least recently used go first past the budget. */
const kept = new Map<number, Kept>();
let keptChars = 0;
/** Some ten threads of a thousand comments. */
const BUDGET_CHARS = 4 * 1024 * 1024;

const sizeOf = (entry: Kept) => entry.version.length + entry.part.author.length + entry.part.main.length;

/** A comment's part: the facts its header line is drawn from, and its text made into HTML. */
function partOf(comment: PageComment): Part {
  const part: Part = {
    id: comment.id,
    author: comment.author,
    createdAt: comment.createdAt,
    main: renderToStaticMarkup(<CommentMain comment={comment} />),
  };
  if (comment.status) part.status = comment.status;
  if (comment.anonymous) part.anonymous = true;
  if (comment.role) part.role = comment.role;
  if (comment.editedAt) part.edited = true;
  if (comment.mine) part.mine = true;
  if (comment.editable) part.editable = true;
  return part;
}

/** The kept part of a comment at this version; moved to the back of the line. */
function keptPart(id: number, version: string): Part | undefined {
  const entry = kept.get(id);
  if (entry?.version !== version) return undefined;
  kept.delete(id);
  kept.set(id, entry);
  return entry.part;
}

function keep(id: number, version: string, part: Part) {
  const old = kept.get(id);
  if (old) keptChars -= sizeOf(old);
  kept.delete(id);
  const entry = { version, part };
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
export async function sharedThread(read: (known: (id: number, version: string) => boolean) => Promise<ThreadPage>) {
  const found = new Map<number, Part>();
  const page = await read((id, version) => {
    const part = keptPart(id, version);
    if (part) found.set(id, part);
    return part !== undefined;
  });
  const assemble = (comments: SharedComment[]): ThreadComment[] =>
    comments.map((comment) => {
      let part = found.get(comment.id);
      if (!part) {
        // Not found kept, so `read` was told it is unknown, and read what it shows.
        part = partOf(comment.shown!);
        keep(comment.id, comment.version, part);
      }
      const shown: ThreadComment = { ...part };
      if (comment.replies) shown.replies = assemble(comment.replies);
      if (comment.hiddenReplies) shown.hiddenReplies = comment.hiddenReplies;
      return shown;
    });
  return { ...page, comments: assemble(page.comments) };
}

/** The parts of comments shown to one reader (their own page of a comment): made, not kept. */
export function personalParts(comments: PageComment[]): ThreadComment[] {
  return comments.map((comment) => {
    const shown: ThreadComment = partOf(comment);
    if (comment.replies) shown.replies = personalParts(comment.replies);
    if (comment.hiddenReplies) shown.hiddenReplies = comment.hiddenReplies;
    return shown;
  });
}
