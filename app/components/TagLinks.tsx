import { Link } from "@remix-run/react";

/** A tag's page. */
export const tagUrl = (name: string) => `/tags/${encodeURIComponent(name)}`;

/**
 * The glossary tags a post or comment carries, as links to their pages; nothing when none.
 * `plain` links are plain anchors, for lists that route their links' clicks themselves (a thread).
 */
export function TagLinks({
  tags,
  className = "tags",
  plain = false,
}: {
  tags: string[];
  className?: string;
  plain?: boolean;
}) {
  if (tags.length === 0) return null;
  return (
    <ul className={className} aria-label="Tags">
      {tags.map((name) => (
        <li key={name}>
          {plain ? (
            <a href={tagUrl(name)} rel="tag">
              {name}
            </a>
          ) : (
            <Link to={tagUrl(name)} rel="tag">
              {name}
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
