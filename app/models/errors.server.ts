/**
 * A rule of the forum said no. Routes turn it into a response with `status` and show
 * `message` beside the form field it names.
 */
export class ForumError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 = 400,
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

export const notFound = (what = "That page") => new ForumError(`${what} does not exist.`, 404);
