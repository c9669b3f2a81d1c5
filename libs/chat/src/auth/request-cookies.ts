import type { ChatRequestHeaders } from '../protocol/chat-user.interface.js';

/** A header's value (the first, if repeated). */
export function headerOf(headers: ChatRequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A cookie of the request, `undefined` when absent or empty. */
export function cookieOf(headers: ChatRequestHeaders, name: string): string | undefined {
  for (const part of (headerOf(headers, 'cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/** The bearer token of an `Authorization` header. */
export function bearerOf(headers: ChatRequestHeaders): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(headerOf(headers, 'authorization') ?? '')?.[1];
}

/**
 * Adds a `Set-Cookie` header to a response (Express's, Node's, or the Node response under
 * Fastify's reply), keeping those set before it: the identity cookie and a route's own cookie go
 * out together.
 */
export function addCookie(res: unknown, cookie: string): void {
  const out = ((res as { raw?: unknown }).raw ?? res) as {
    getHeader(name: string): unknown;
    setHeader(name: string, value: string[]): void;
  };
  const before = out.getHeader('set-cookie');
  const list = Array.isArray(before) ? before : before === undefined ? [] : [String(before)];
  out.setHeader('set-cookie', [...list.map(String), cookie]);
}
