// A thread page reads in full only the comments whose version the caller does not keep
// (decision 018): every change a page shows of a comment must move that comment's version.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { getThreadPage, type SharedComment } from "~/models/comments.server";
import { removeComment } from "~/models/moderation.server";
import { createTag, deleteTag, runRetagJobs, tagComment } from "~/models/tags.server";
import { makeComment, makePost, makeUser } from "../factories";

const flat = (nodes: SharedComment[]): SharedComment[] => nodes.flatMap((n) => [n, ...flat(n.replies ?? [])]);

/** Reads a post's first page as a caller keeping what it read before: the ids read in full. */
function reader(postId: number) {
  const kept = new Map<number, string>();
  return async () => {
    const page = await getThreadPage({
      postId,
      page: 1,
      sort: "oldest",
      known: (id, version) => kept.get(id) === version,
    });
    const comments = flat(page.comments);
    for (const c of comments) kept.set(c.id, c.version);
    return comments.filter((c) => c.shown).map((c) => c.id);
  };
}

let moderator: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  moderator = await makeUser({ role: "moderator" });
});

describe("a thread page read again", () => {
  it("reads in full only the comments that changed: new, edited, removed, retagged", async () => {
    const post = await makePost();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await makeComment({ postId: post.id, body: `comment ${i}` })).id);
    const read = reader(post.id);
    expect(await read()).toEqual(ids);
    expect(await read()).toEqual([]);

    const reply = await makeComment({ postId: post.id, parentId: ids[0], body: "a reply" });
    expect(await read()).toEqual([reply.id]);

    await db.comment.update({ where: { id: ids[1] }, data: { bodyHtml: "<p>changed</p>" }, select: { id: true } });
    expect(await read()).toEqual([ids[1]]);

    await removeComment({ commentId: ids[2], moderator, reason: "Off topic" });
    expect(await read()).toEqual([ids[2]]);

    // A new glossary tag names itself on old comments: each retagged one changes, and the
    // glossary's naming changed, so every comment is shown again.
    await db.comment.update({
      where: { id: ids[3] },
      data: { bodyMarkdown: "the kettle ballot" },
      select: { id: true },
    });
    await read();
    const tag = await createTag({ name: "KETTLE", description: "Tea breaks.", patterns: "kettle" });
    await runRetagJobs();
    expect(await db.commentTag.count({ where: { commentId: ids[3], tagId: tag.id } })).toBe(1);
    expect((await read()).sort((a, b) => a - b)).toEqual([...ids, reply.id].sort((a, b) => a - b));
    expect(await read()).toEqual([]);

    // Removed from the glossary: no comment row changes, but the naming does.
    await deleteTag({ tagId: tag.id });
    expect((await read()).length).toBe(6);
  });

  it("shows a comment's tags as they are when only its tags changed", async () => {
    const post = await makePost();
    const comment = await makeComment({ postId: post.id, body: "Nothing to tag." });
    const read = reader(post.id);
    await read();
    const tag = await createTag({ name: "LADLE", description: "Soup.", patterns: "ladle" });
    await runRetagJobs();
    await read();
    await db.comment.update({ where: { id: comment.id }, data: { bodyMarkdown: "The ladle." }, select: { id: true } });
    await read();
    expect(await read()).toEqual([]);
    // Tagged by the app's own tagging, which moves the version with the tags.
    await tagComment(comment.id);
    expect(await db.commentTag.count({ where: { commentId: comment.id, tagId: tag.id } })).toBe(1);
    expect(await read()).toEqual([comment.id]);
    const page = await getThreadPage({ postId: post.id, page: 1, sort: "oldest" });
    expect(page.comments[0].shown?.tags).toContain("LADLE");
  });
});
