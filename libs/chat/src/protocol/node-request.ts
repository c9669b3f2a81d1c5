import type { IncomingMessage } from 'node:http';

/**
 * The Node request of a route's `@Req()`: Express's request is one, Fastify's keeps it as `raw`.
 * What reads a body itself (a multipart upload, a login form) reads it from here, on either.
 */
export function nodeRequestOf(req: unknown): IncomingMessage {
  return ((req as { raw?: IncomingMessage }).raw ?? req) as IncomingMessage;
}
