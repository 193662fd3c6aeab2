/** The D1 schema (Drizzle, sqlite-core). Change it here, then `npm run db:generate`. */

/** A thread's steps, elements and feedback. */
export * from "./steps.js";
/** Threads: one per chat session with a user interaction. */
export * from "./threads.js";
/** Users and the anonymous visitors of public mode. */
export * from "./users.js";
