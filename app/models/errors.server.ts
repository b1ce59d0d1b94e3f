// The forum's refusals, for the models to throw. They are defined in lib so that the database
// layer (which throws DatabaseUnavailable) and the routes can take them without the models.
export { DATABASE_RETRY_AFTER_S, DatabaseUnavailable, ForumError, RateLimited, notFound } from "~/lib/errors.server";
export type { DatabaseTrouble } from "~/lib/errors.server";
