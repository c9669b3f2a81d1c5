/**
 * Who is calling a thread route: the identifier of the user the HTTP request (Express or Fastify)
 * is authenticated as, or `undefined` for no user. Provide one under `CHAT_REQUEST_IDENTITY` to
 * plug in your auth. Without one, every caller is "no user": they see the threads that belong to
 * no user (single-user mode). A thread that belongs to a user is only ever shown to that user.
 */
export type ChatRequestIdentity = (
  request: unknown,
) => string | undefined | Promise<string | undefined>;
