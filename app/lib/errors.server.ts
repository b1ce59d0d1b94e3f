/**
 * A rule of the forum said no. Routes turn it into a response with `status` and show
 * `message` beside the form field it names.
 */
export class ForumError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503 = 400,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ForumError";
  }
}

/** Too many attempts: try again after `retryAfterS` seconds. */
export class RateLimited extends ForumError {
  constructor(
    message: string,
    readonly retryAfterS: number,
  ) {
    super(message, 429);
  }
}

/** How long a reader is asked to wait before trying again when the database is away. */
export const DATABASE_RETRY_AFTER_S = 5;

/** Why the database could not be used, short enough for /healthz; never a path or a secret. */
export type DatabaseTrouble =
  "database unreachable" | "database read-only" | "disk full" | "database busy" | "database I/O error";

/**
 * Not a rule of the forum: the database is away (cut connections, a restart, a full disk, a
 * read-only file). A ForumError so that every form shows it beside the writer's kept text,
 * with 503 and Retry-After. `maybeSaved`: the connection was lost while the write was being
 * committed, so it may have been saved; it is not written again blindly.
 */
export class DatabaseUnavailable extends ForumError {
  readonly retryAfterS = DATABASE_RETRY_AFTER_S;
  constructor(
    readonly trouble: DatabaseTrouble,
    readonly maybeSaved = false,
    options?: { cause?: unknown },
  ) {
    super(
      maybeSaved
        ? "The forum lost its database while saving this and cannot tell whether it was saved. Your text is kept below: look at the thread before you send it again."
        : `The forum cannot save right now (${trouble}). Your text is kept below: send it again in a moment.`,
      503,
    );
    this.name = "DatabaseUnavailable";
    if (options && "cause" in options) this.cause = options.cause;
  }
}

export const notFound = (what = "That page") => new ForumError(`${what} does not exist.`, 404);
