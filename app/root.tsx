import { json, type LinksFunction, type MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  isRouteErrorResponse,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "~/components/Nonce";
import { PersonalProvider, usePersonal } from "~/components/Personal";
import { HeaderSearch } from "~/components/Search";
import { forumIn, useForum } from "~/components/forum";
import { getForum, unnamedWhenAway } from "~/models/settings.server";
import styles from "~/styles/app.css";

/** What a route may say about its page to the layout (`export const handle`). */
export type PageHandle = { wide?: boolean };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/**
 * The forum's name, description and logo, which every page shows: the same for every reader.
 * Without the database, a page that can still answer (a form's kept text) goes unnamed.
 */
export async function loader() {
  return json({ forum: await getForum().catch(unnamedWhenAway) });
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => [{ title: forumIn(matches).name }];

function Document({ children, title }: { children: ReactNode; title?: string }) {
  // Inline scripts run only with this response's CSP nonce (server.ts).
  const nonce = useNonce();
  const forum = useForum();
  // Staff pages (tables, the queue) take the header's width; reading pages keep the measure.
  const wide = useMatches().some((match) => (match.handle as PageHandle | undefined)?.wide);
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {title ? <title>{`${title} · ${forum.name}`}</title> : null}
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <link rel="icon" href={forum.logo ?? "/favicon.ico"} />
        <Links />
        <link rel="alternate" type="application/atom+xml" title={`${forum.name}: posts`} href="/feeds/posts.atom" />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={`${forum.name}: all comments`}
          href="/feeds/comments.atom"
        />
      </head>
      <body>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="wrap">
            <Link to="/" className="site-name">
              {forum.logo ? <img src={forum.logo} alt="" width={32} height={32} /> : null}
              <span>{forum.name}</span>
            </Link>
            <nav aria-label="Site">
              <span className="nav-group">
                <NavLink to="/" end>
                  Latest
                </NavLink>
                <NavLink to="/archive">Archive</NavLink>
                <NavLink to="/tags">Tags</NavLink>
              </span>
              <AccountLinks />
            </nav>
            <HeaderSearch />
          </div>
        </header>
        <main id="main" className={wide ? "wrap wide" : "wrap"}>
          {children}
        </main>
        <footer className={wide ? "site-footer wrap wide" : "site-footer wrap"}>
          <p>
            <Link to="/modlog">Moderation log</Link>
          </p>
          <p>
            {forum.name} keeps no record of your network address. Anonymous comments cannot be traced to you by other
            readers or by moderators.
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function AccountLinks() {
  // Every page is shared by its readers: who is signed in is added by the browser.
  const me = usePersonal()?.member;
  if (!me) {
    return (
      <span className="nav-group">
        <NavLink to="/me/replies">Replies</NavLink>
        <NavLink to="/login">Sign in</NavLink>
        <NavLink to="/join">Join</NavLink>
      </span>
    );
  }
  return (
    <>
      <span className="nav-group">
        <NavLink to="/me/replies">Replies</NavLink>
        <NavLink to="/me/following">Following</NavLink>
        <NavLink to="/submit">Write a post</NavLink>
      </span>
      {me.moderator || me.editor || me.admin ? (
        <span className="nav-group">
          {me.moderator ? (
            <NavLink to="/moderation">
              Queue<span className="queue-size">{me.queueSize}</span>
              <span className="visually-hidden"> waiting</span>
            </NavLink>
          ) : null}
          {me.moderator ? <NavLink to="/moderation/overview">Threads</NavLink> : null}
          {me.editor ? <NavLink to="/admin/posts">Posts</NavLink> : null}
          {me.admin ? (
            <NavLink to="/admin" end>
              Admin
            </NavLink>
          ) : null}
        </span>
      ) : null}
      <span className="nav-group">
        <NavLink to="/me" end>
          {me.username}
        </NavLink>
        <Form method="post" action="/logout" className="inline">
          <button type="submit" className="link-button header-button">
            Sign out
          </button>
        </Form>
      </span>
    </>
  );
}

export default function App() {
  return (
    <PersonalProvider>
      <Document>
        <Outlet />
      </Document>
    </PersonalProvider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const notFound = error.status === 404;
    return (
      <Document title={notFound ? "Page not found" : `${error.status}`}>
        <section className="error-page">
          <h1>{notFound ? "Page not found" : `${error.status} ${error.statusText || "Something is wrong"}`}</h1>
          <p>
            {notFound
              ? "There is nothing at this address. The post may have been moved or unpublished."
              : typeof error.data === "string"
                ? error.data
                : "The request could not be completed."}
          </p>
          <p>
            <Link to="/">Back to the latest posts</Link>
          </p>
        </section>
      </Document>
    );
  }
  return (
    <Document title="Something went wrong">
      <section className="error-page">
        <h1>Something went wrong</h1>
        <p>This page could not be shown. Nothing you wrote has been lost: go back and try again in a moment.</p>
        <p>
          <Link to="/">Back to the latest posts</Link>
        </p>
      </section>
    </Document>
  );
}
