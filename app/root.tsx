import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "~/components/Nonce";
import { PersonalProvider, usePersonal } from "~/components/Personal";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "alternate", type: "application/atom+xml", title: "Picket: posts", href: "/feeds/posts.atom" },
  { rel: "alternate", type: "application/atom+xml", title: "Picket: all comments", href: "/feeds/comments.atom" },
];

export const meta: MetaFunction = () => [{ title: "Picket" }];

function Document({ children, title }: { children: ReactNode; title?: string }) {
  // Inline scripts run only with this response's CSP nonce (server.ts).
  const nonce = useNonce();
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {title ? <title>{title}</title> : null}
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="wrap">
            <Link to="/" className="site-name">
              Picket
            </Link>
            <nav aria-label="Site">
              <Link to="/">Latest</Link>
              <Link to="/archive">Archive</Link>
              <Link to="/tags">Tags</Link>
              <AccountLinks />
            </nav>
          </div>
        </header>
        <main id="main" className="wrap">
          {children}
        </main>
        <footer className="site-footer wrap">
          <p>
            <Link to="/modlog">Moderation log</Link>
          </p>
          <p>
            Picket keeps no record of your network address. Anonymous comments cannot be traced to you by other readers
            or by moderators.
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
      <>
        <Link to="/me/replies">Replies</Link>
        <Link to="/login">Sign in</Link>
        <Link to="/join">Join</Link>
      </>
    );
  }
  return (
    <>
      <Link to="/me/replies">Replies</Link>
      <Link to="/me/following">Following</Link>
      <Link to="/submit">Write a post</Link>
      {me.moderator ? (
        <Link to="/moderation">
          Queue<span className="queue-size">{me.queueSize}</span>
          <span className="visually-hidden"> waiting</span>
        </Link>
      ) : null}
      {me.moderator ? <Link to="/moderation/overview">Threads</Link> : null}
      {me.editor ? <Link to="/admin/posts">Posts</Link> : null}
      {me.admin ? <Link to="/admin">Admin</Link> : null}
      <Link to="/me">{me.username}</Link>
      <Form method="post" action="/logout" className="inline">
        <button type="submit" className="link-button header-button">
          Sign out
        </button>
      </Form>
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
      <Document title={notFound ? "Not found · Picket" : `${error.status} · Picket`}>
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
    <Document title="Error · Picket">
      <section className="error-page">
        <h1>Something went wrong</h1>
        <p>Picket could not show this page. Nothing you wrote has been lost: go back and try again in a moment.</p>
        <p>
          <Link to="/">Back to the latest posts</Link>
        </p>
      </section>
    </Document>
  );
}
