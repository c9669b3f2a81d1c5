import { nodeRequestOf } from '../protocol/node-request.js';

/**
 * Whether a request came over HTTPS: as the platform sees it (Express's `req.secure`, Fastify's
 * `request.protocol`, under their own proxy settings), on a TLS socket, or by the
 * `X-Forwarded-Proto` of a proxy the `trustProxy` option believes (as the socket's handshake).
 */
export function isHttps(req: unknown, trust: (address: string, hop: number) => boolean): boolean {
  const platform = req as { secure?: boolean; protocol?: string };
  if (platform.secure === true || platform.protocol === 'https') return true;
  const raw = nodeRequestOf(req);
  if ((raw.socket as { encrypted?: boolean } | undefined)?.encrypted === true) return true;
  const forwarded = String(raw.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    .trim();
  return forwarded === 'https' && trust(raw.socket?.remoteAddress ?? '', 0);
}
