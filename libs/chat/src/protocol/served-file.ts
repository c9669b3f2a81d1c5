import { StreamableFile } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import type { Readable } from 'node:stream';

/** Types a browser may show inline; anything else is downloaded. */
const INLINE = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain|audio\/|video\/)/;

/**
 * A file's bytes as a response that cannot run in the app's origin: its own type (not sniffed),
 * sandboxed, inline only for types a browser shows safely, private to the caller's cache.
 */
export function servedFile(
  adapter: HttpAdapterHost['httpAdapter'],
  res: unknown,
  file: { name: string; mime: string; size: number },
  body: Uint8Array | Readable,
): StreamableFile {
  adapter.setHeader(res, 'X-Content-Type-Options', 'nosniff');
  adapter.setHeader(res, 'Content-Security-Policy', 'sandbox');
  adapter.setHeader(res, 'Cache-Control', 'private, max-age=3600');
  const disposition = INLINE.test(file.mime) ? 'inline' : 'attachment';
  const options = {
    type: file.mime,
    length: file.size,
    disposition: `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
  };
  return body instanceof Uint8Array
    ? new StreamableFile(body, options)
    : new StreamableFile(body, options);
}
