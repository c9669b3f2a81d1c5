import { isIP } from 'node:net';
import { ChatOptionsError } from '../errors/chat-options.error.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';

/** Checks the `allowedHosts` option: `true`, or host names (`.example.com` for subdomains). */
export function resolveAllowedHosts(value: unknown): true | string[] {
  if (value === true) return true;
  if (!Array.isArray(value)) {
    throw new ChatOptionsError('allowedHosts', 'must be true or an array of host names');
  }
  return value.map((entry, i) => {
    if (typeof entry !== 'string' || !/^\.?[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/i.test(entry)) {
      throw new ChatOptionsError(
        `allowedHosts[${i}]`,
        `must be a host name without a port ("chat.example.com", or ".example.com" for its subdomains), got ${JSON.stringify(entry)}`,
      );
    }
    return entry.toLowerCase().replace(/\.$/, '');
  });
}

/** The host name of a `Host` header: without its port and brackets, lower case. */
export function hostName(host: string): string {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * Whether a request's `Host` header names a host the chat answers to (the `allowedHosts`
 * option): localhost names and IP addresses always, listed names, or any with `true`. A
 * request without one (not from a browser) passes.
 */
export function hostAllowed(
  headers: { host?: string | string[] },
  allowed: ResolvedChatOptions['allowedHosts'],
): boolean {
  if (allowed === true) return true;
  const host = headers.host;
  if (host === undefined || host === '') return true;
  if (typeof host !== 'string') return false;
  const name = hostName(host);
  if (name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0) return true;
  return allowed.some((entry) =>
    entry.startsWith('.') ? name === entry.slice(1) || name.endsWith(entry) : name === entry,
  );
}

/** Why a request to the chat is refused for its `Host`: the 403's detail, the connect_error. */
export function hostRefusal(host: string | string[] | undefined): string {
  const shown = JSON.stringify(String(host).slice(0, 200));
  return `Host ${shown} is not allowed: add its name to the allowedHosts option`;
}
