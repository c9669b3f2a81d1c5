/**
 * Who is calling a thread route: the identifier of the user the HTTP request (Express or Fastify)
 * is authenticated as, or `undefined` for no user; throw an `HttpException` (401) to refuse it.
 * Provide one under `CHAT_REQUEST_IDENTITY`, in any module, to plug in your own auth. When it
 * gives no user (or without one), the caller is the user logged in with the module's `auth`
 * option; with no auth, the browser's anonymous identity (its identity cookie), which owns the
 * threads its sessions made. A thread is only ever shown to its owner; one without is no one's.
 * An identifier starting with `anonymous:` is ignored (it is kept for anonymous visitors).
 */
export type ChatRequestIdentity = (
  request: unknown,
) => string | undefined | Promise<string | undefined>;
