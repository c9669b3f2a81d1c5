import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { identityHeaders } from './chat-client.js';

/** The server's answer to an upload; `status` 0 when the connection failed before one came. */
export interface UploadReply {
  status: number;
  body: any;
  error?: string;
}

/** A multipart upload (field `file`) written to a raw HTTP request, piece by piece. */
export interface StreamedUpload {
  /** The server's answer, as soon as it comes (possibly before the body is all sent). */
  readonly reply: Promise<UploadReply>;
  /** Resolves once the client has written what it was told to (or the connection failed). */
  readonly written: Promise<void>;
  /** Resolves once the connection is closed. */
  readonly closed: Promise<void>;
  /** The multipart body's length in bytes, whatever Content-Length was declared. */
  readonly bodyLength: number;
  /** The SHA-256 of the file's bytes (all of them, even if fewer were sent). */
  readonly sha256: string;
  /** Destroys the connection, mid-body or not. */
  abort(): void;
}

export interface StreamedUploadOptions {
  /** The file's size, in bytes. */
  size: number;
  name?: string;
  type?: string;
  /**
   * The Content-Length to declare: the body's (default), `'chunked'` for none (chunked transfer
   * encoding), or any number (a client that lies).
   */
  length?: 'exact' | 'chunked' | number;
  /** Write only this many bytes of the file and keep the request open (see `abort`). */
  stopAfter?: number;
}

const BLOCK = 1024 * 1024;

/** The file's bytes: one random MiB, repeated. */
function fileBlock(): Buffer {
  return randomBytes(BLOCK);
}

/**
 * Streams an upload to `url + path` without holding the file in memory, with the identity
 * cookie of the session its `session_id` names.
 */
export function streamUpload(
  url: string,
  path: string,
  options: StreamedUploadOptions,
): StreamedUpload {
  const block = fileBlock();
  const boundary = `----nest-chat-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${options.name ?? 'upload.bin'}"\r\n` +
      `Content-Type: ${options.type ?? 'application/octet-stream'}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const exact = head.length + options.size + tail.length;
  // As the browser that opened the session: with its identity cookie.
  const sessionId = new URL(path, 'http://x').searchParams.get('session_id') ?? '';
  const headers: Record<string, string | number> = {
    'Content-Type': `multipart/form-data; boundary=${boundary}`,
    ...identityHeaders(sessionId),
  };
  const length = options.length ?? 'exact';
  if (length !== 'chunked') headers['Content-Length'] = length === 'exact' ? exact : length;

  const hash = createHash('sha256');
  for (let left = options.size; left > 0; left -= BLOCK) {
    hash.update(left >= BLOCK ? block : block.subarray(0, left));
  }
  const sha256 = hash.digest('hex');

  // Its own connection, kept alive as a browser's is: a server that answers before the body is
  // all sent then reads the rest and throws it away, where it would reset a `Connection: close`.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const req = request(`${url}${path}`, { method: 'POST', headers, agent });
  const closed = new Promise<void>((resolve) => req.once('close', () => resolve()));
  const reply = new Promise<UploadReply>((resolve) => {
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => {
        const text = Buffer.concat(chunks).toString();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: kept as text
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.once('error', (error) =>
        resolve({ status: res.statusCode ?? 0, body: null, error: error.message }),
      );
    });
    req.once('error', (error) => {
      resolve({ status: 0, body: null, error: error.message });
    });
  });

  const written = (async () => {
    const stop = Math.min(options.stopAfter ?? options.size, options.size);
    const fail = closed.then(() => 'closed' as const);
    if (!req.write(head) && (await Promise.race([once(req, 'drain'), fail])) === 'closed') return;
    for (let sent = 0; sent < stop && !req.destroyed;) {
      const piece = Math.min(BLOCK, stop - sent);
      const ok = req.write(piece === BLOCK ? block : block.subarray(0, piece));
      sent += piece;
      if (!ok && (await Promise.race([once(req, 'drain'), fail])) === 'closed') return;
    }
    if (stop === options.size && !req.destroyed) req.end(tail);
  })().catch(() => undefined);

  void Promise.all([reply, written]).then(() => agent.destroy());
  const abort = () => {
    req.destroy();
    agent.destroy();
  };
  return { reply, written, closed, bodyLength: exact, sha256, abort };
}
