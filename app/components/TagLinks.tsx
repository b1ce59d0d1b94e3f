import { Link } from "@remix-run/react";

/** A tag's page. */
export const tagUrl = (name: string) => `/tags/${encodeURIComponent(name)}`;

/** The glossary tags a post or comment carries, as links to their pages; nothing when none. */
export function TagLinks({ tags, className = "tags" }: { tags: string[]; className?: string }) {
  if (tags.length === 0) return null;
  return (
    <ul className={className} aria-label="Tags">
      {tags.map((name) => (
        <li key={name}>
          <Link to={tagUrl(name)} rel="tag">
            {name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
