/**
 * Who is calling a thread route: the identifier of the user the HTTP request (Express or Fastify)
 * is authenticated as, or `undefined` for no user; throw an `HttpException` (401) to refuse it.
 * Provide one under `CHAT_REQUEST_IDENTITY`, in any module, to plug in your own auth. Without
 * one, the caller is the user logged in with the module's `auth` option; with no auth either,
 * every caller is "no user" and sees the threads that belong to no user (single-user mode).
 * A thread that belongs to a user is only ever shown to that user.
 */
export type ChatRequestIdentity = (request: unknown) => string | undefined | Promise<string | undefined>;
