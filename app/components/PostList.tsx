import { Link } from "@remix-run/react";
import { When } from "./dates";
import type { PostSummary } from "~/models/posts.server";
import { TagLinks } from "./TagLinks";

export function PostList({ posts }: { posts: PostSummary[] }) {
  if (posts.length === 0) return <p>No posts yet.</p>;
  return (
    <ol className="post-list">
      {posts.map((post) => (
        <li key={post.id}>
          <h2>
            {post.pinned ? <span className="badge">Pinned</span> : null}{" "}
            <Link to={`/posts/${post.slug}`}>{post.title}</Link>
          </h2>
          <div className="meta">
            {post.author} · <When iso={post.publishedAt} day /> ·{" "}
            <Link to={`/posts/${post.slug}#comments`}>
              {post.commentCount === 1 ? "1 comment" : `${post.commentCount} comments`}
            </Link>
            {post.commentsOpen ? null : " · comments closed"}
          </div>
          <TagLinks tags={post.tags} />
          {post.excerpt ? <p>{post.excerpt}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/** Links to the pages before and after; lists newest first by default ("Newer", "Older"). */
export function Pager({
  page,
  pages,
  href,
  label = "Pages",
  previous = "← Newer",
  next = "Older →",
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  label?: string;
  previous?: string;
  next?: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {previous}
        </Link>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
