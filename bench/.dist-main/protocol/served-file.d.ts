import { StreamableFile } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import type { Readable } from 'node:stream';
/**
 * A file's bytes as a response that cannot run in the app's origin: its own type (not sniffed),
 * sandboxed, inline only for types a browser shows safely, private to the caller's cache.
 */
export declare function servedFile(adapter: HttpAdapterHost['httpAdapter'], res: unknown, file: {
    name: string;
    mime: string;
    size: number;
}, body: Uint8Array | Readable): StreamableFile;
