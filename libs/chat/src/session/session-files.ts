import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { SessionLimitError } from '../errors/session-limit.error.js';
import type { ElementInput, UploadedFile } from '../protocol/element.interface.js';

/**
 * Bytes a session holds: its user's uploads and its elements' content. They are in memory
 * (`content`) or, for a large upload, in a file on disk (`path`) that is removed when the session
 * lets go of it.
 */
export interface SessionFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  /** Its bytes, when they are kept in memory. */
  content?: Buffer;
  /** The file its bytes are in, when they are kept on disk. */
  path?: string;
  /** The file ask it answers, for uploads made for one. */
  askId?: string;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.py': 'text/x-python',
  '.ts': 'text/plain',
  '.js': 'text/javascript',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

const MIME_BY_TYPE: Record<string, string> = {
  text: 'text/plain',
  pdf: 'application/pdf',
  image: 'image/png',
  audio: 'audio/mpeg',
  video: 'video/mp4',
};

/** The MIME type of an element: given, from its name's extension, or from its type. */
export function guessMime(name: string, type?: string): string {
  return (
    MIME_BY_EXTENSION[extname(name).toLowerCase()] ??
    (type && MIME_BY_TYPE[type]) ??
    'application/octet-stream'
  );
}

/** Reads an element's bytes (from `content` or `path`); `undefined` for a URL element. */
export async function elementBytes(input: ElementInput): Promise<Buffer | undefined> {
  const sources = ['url', 'path', 'content'].filter(
    (key) => input[key as keyof ElementInput] !== undefined,
  );
  if (sources.length !== 1) {
    throw new TypeError(
      `element "${input.name}": give exactly one of url, path or content (got ${sources.length ? sources.join(', ') : 'none'})`,
    );
  }
  if (input.url !== undefined) {
    if (typeof input.url !== 'string' || !/^(https?:|\/|data:)/i.test(input.url)) {
      throw new TypeError(`element "${input.name}": url must be http(s), data: or a path from /`);
    }
    return undefined;
  }
  if (input.path !== undefined) {
    try {
      return await readFile(input.path);
    } catch (error) {
      throw new Error(
        `element "${input.name}": cannot read ${basename(input.path)}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const { content } = input;
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  if (content instanceof Uint8Array) return Buffer.from(content);
  throw new TypeError(`element "${input.name}": content must be a string or bytes`);
}

/** A new file record, its bytes in memory. */
export function sessionFile(
  name: string,
  mime: string,
  content: Buffer,
  askId?: string,
): SessionFile {
  return { id: randomUUID(), name, mime, size: content.length, content, askId };
}

/** A new file record, its `size` bytes in the file at `path` (which the session then owns). */
export function diskSessionFile(
  name: string,
  mime: string,
  path: string,
  size: number,
  askId?: string,
): SessionFile {
  return { id: randomUUID(), name, mime, size, path, askId };
}

/** A file's bytes, read from disk if that is where they are. */
export async function fileBytes(file: SessionFile): Promise<Buffer> {
  return file.content ?? (await readFile(file.path as string));
}

/** Removes a file's bytes from disk, if they are there (in the background; a failure is ignored). */
export function removeFileBytes(file: { path?: string }): void {
  if (file.path) void rm(file.path, { force: true }).catch(() => undefined);
}

/**
 * Whether a file fits an `accept` spec: MIME types (`image/*`, `text/plain`) as a list, or a
 * map of MIME type to extensions (`{ 'text/plain': ['.txt', '.md'] }`), as react-dropzone takes.
 */
export function accepts(
  accept: string[] | Record<string, string[]> | undefined,
  name: string,
  mime: string,
): boolean {
  if (!accept) return true;
  const mimeMatches = (pattern: string) =>
    pattern === '*/*' ||
    pattern === mime ||
    (pattern.endsWith('/*') && mime.startsWith(pattern.slice(0, -1)));
  if (Array.isArray(accept)) {
    const ext = extname(name).toLowerCase();
    return accept.some((p) => (p.startsWith('.') ? p.toLowerCase() === ext : mimeMatches(p)));
  }
  const ext = extname(name).toLowerCase();
  return Object.entries(accept).some(
    ([pattern, extensions]) =>
      mimeMatches(pattern) || extensions.some((e) => e.toLowerCase() === ext),
  );
}

/** The module's limits on what one session keeps. */
export interface SessionFileLimits {
  maxSessionFiles: number;
  maxSessionFileBytes: number;
}

/**
 * Room set aside in a session's limits for a file still coming in (an upload): it counts as one
 * of the session's files and as `bytes` of its bytes until it is committed or released.
 */
export interface FileReservation {
  /** The bytes set aside. */
  readonly bytes: number;
  /**
   * Keeps `file` in place of the reservation, checked at its exact size; throws
   * `SessionLimitError` beyond a limit, or an `Error` once the session has ended. Either way the
   * reservation is over; a refused file's bytes are the caller's to remove.
   */
  commit(file: SessionFile): void;
  /** Gives the room back (an upload that failed or was refused). Does nothing the second time. */
  release(): void;
  /** The error for a file that came in larger than `received` bytes, past the room it had. */
  overflow(received: number): SessionLimitError;
}

/**
 * The files one session keeps (uploads, element bytes), by id, within the module's
 * `maxSessionFiles` and `maxSessionFileBytes`; uploads under way reserve their room first
 * (`reserve`), so uploads at once cannot together pass them. Files on disk are removed when they
 * are dropped and when the session ends (`clear`).
 */
export class SessionFiles {
  private readonly byId = new Map<string, SessionFile>();
  private bytes = 0;
  /** Files and bytes reserved by uploads still coming in. */
  private pendingFiles = 0;
  private pendingBytes = 0;
  private isEnded = false;

  constructor(private readonly limits?: SessionFileLimits) {}

  get size(): number {
    return this.byId.size;
  }

  /** Whether the session has ended (`clear`): it keeps nothing more. */
  get ended(): boolean {
    return this.isEnded;
  }

  /** The bytes its files may still take: the limit less what it holds and what is reserved. */
  get room(): number {
    const max = this.limits?.maxSessionFileBytes;
    return max === undefined
      ? Number.POSITIVE_INFINITY
      : Math.max(0, max - this.bytes - this.pendingBytes);
  }

  get(id: string): SessionFile | undefined {
    return this.byId.get(id);
  }

  /** How many uploads answer the file ask `askId` so far. */
  countFor(askId: string): number {
    let count = 0;
    for (const file of this.byId.values()) if (file.askId === askId) count++;
    return count;
  }

  /** Throws `SessionLimitError` when the session holds (or is receiving) as many files as it may. */
  private assertRoom(what: string): void {
    const max = this.limits?.maxSessionFiles;
    if (max === undefined || this.byId.size + this.pendingFiles < max) return;
    const held =
      this.pendingFiles === 0
        ? `${this.byId.size} files, its limit`
        : `${this.byId.size} files and is receiving ${this.pendingFiles} more, ${max} in all, its limit`;
    throw new SessionLimitError(
      'maxSessionFiles',
      `${what} refused: this session already holds ${held} (the maxSessionFiles option); remove some first`,
    );
  }

  /** Throws `SessionLimitError` when `size` more bytes would take the session past its limit. */
  private assertBytes(size: number, what: string, atLeast = false): void {
    const bytes = this.bytes + this.pendingBytes + size;
    const max = this.limits?.maxSessionFileBytes;
    if (max !== undefined && bytes > max) {
      const pending =
        this.pendingBytes > 0 ? ` (${this.pendingBytes} of them still uploading)` : '';
      throw new SessionLimitError(
        'maxSessionFileBytes',
        `${what} refused: ${atLeast ? 'at least ' : ''}${size} more bytes would make this session's files ${bytes} bytes${pending}, over its limit of ${max} (the maxSessionFileBytes option)`,
      );
    }
  }

  /** Keeps a file; throws `SessionLimitError` beyond either limit. */
  add(file: SessionFile, what = `file "${file.name}"`): void {
    this.assertRoom(what);
    this.assertBytes(file.size, what);
    this.byId.set(file.id, file);
    this.bytes += file.size;
  }

  /**
   * Sets room aside for a file still coming in: at least `bytes`, and up to `upTo` as far as the
   * session's room allows (a file whose size is known only within a range). Throws
   * `SessionLimitError` when the session holds as many files as it may, or `bytes` do not fit.
   */
  reserve(bytes: number, what: string, upTo = bytes): FileReservation {
    if (this.isEnded) throw new Error(`${what} refused: the session has ended`);
    this.assertRoom(what);
    this.assertBytes(bytes, what, upTo > bytes);
    const reserved = Math.max(bytes, Math.min(upTo, this.room));
    this.pendingFiles++;
    this.pendingBytes += reserved;
    let open = true;
    const release = () => {
      if (!open) return;
      open = false;
      this.pendingFiles--;
      this.pendingBytes -= reserved;
    };
    return {
      bytes: reserved,
      release,
      commit: (file) => {
        if (!open) throw new Error(`${what} refused: its reservation is over`);
        release();
        if (this.isEnded) throw new Error(`${what} refused: the session has ended`);
        this.add(file, what);
      },
      overflow: (received) => {
        const max = this.limits?.maxSessionFileBytes;
        return new SessionLimitError(
          'maxSessionFileBytes',
          `${what} refused: over ${received} bytes, more than this session's files may still take under their limit of ${max} bytes (the maxSessionFileBytes option)`,
        );
      },
    };
  }

  /** Lets go of a file's bytes (removing them from disk if they are there). */
  drop(id: string): void {
    const file = this.byId.get(id);
    if (!file) return;
    this.byId.delete(id);
    this.bytes -= file.size;
    removeFileBytes(file);
  }

  /** The uploads a message refers to, in its order; throws naming an unknown one. */
  uploads(ids: string[]): UploadedFile[] {
    return ids.map((id) => {
      const file = this.byId.get(id);
      if (!file || file.askId !== undefined) {
        throw new TypeError(`no uploaded file "${id}" in this session`);
      }
      return toUploadedFile(file);
    });
  }

  /** The uploads that answer the file ask `askId`, among those `refs` names. */
  answers(askId: string, refs: unknown[]): SessionFile[] {
    const found: SessionFile[] = [];
    for (const ref of refs) {
      const key = ref as { id?: unknown; chainlitKey?: unknown } | null;
      const id = key?.id ?? key?.chainlitKey;
      const file = typeof id === 'string' ? this.byId.get(id) : undefined;
      if (file?.askId === askId) found.push(file);
    }
    return found;
  }

  /** The session ended: lets go of every file (removing those on disk); an upload under way is refused. */
  clear(): void {
    this.isEnded = true;
    for (const file of this.byId.values()) removeFileBytes(file);
    this.byId.clear();
    this.bytes = 0;
  }
}

/**
 * A kept file as handlers see it: `content` is its bytes; for a file on disk, `path` is where it
 * is and `content` reads the whole file each time it is read.
 */
export function toUploadedFile(file: SessionFile): UploadedFile {
  const { id, name, mime: type, size, content, path } = file;
  if (content) return { id, name, type, size, content };
  return Object.defineProperty({ id, name, type, size, path } as UploadedFile, 'content', {
    enumerable: true,
    get: () => readFileSync(path as string),
  });
}
