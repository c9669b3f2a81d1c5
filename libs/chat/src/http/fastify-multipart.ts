/** What of a Fastify instance the chat uses to take multipart bodies (no import of Fastify). */
interface ContentTypeParsers {
  addContentTypeParser(
    type: RegExp,
    parser: (request: unknown, payload: unknown, done: (error: null) => void) => void,
  ): unknown;
}

/**
 * The chat reads its multipart bodies itself, from the Node request (uploads, login forms).
 * Fastify answers a body no parser takes with 415 before any route runs, so on Fastify a parser
 * takes `multipart/form-data` and leaves it unread. Given as a RegExp, it gives way to a parser
 * the app registers for the type (as `@fastify/multipart` does), whichever is registered first.
 */
export function leaveMultipartUnread(instance: ContentTypeParsers): void {
  instance.addContentTypeParser(/^multipart\/form-data(;|$)/, (_request, _payload, done) =>
    done(null),
  );
}
