import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { SessionLimitError } from '../errors/session-limit.error.js';
import type { ElementInput, UploadedFile } from '../protocol/element.interface.js';

/** Bytes a session holds: its user's uploads and its elements' content. */
export interface SessionFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  content: Buffer;
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

/** A new file record. */
export function sessionFile(
  name: string,
  mime: string,
  content: Buffer,
  askId?: string,
): SessionFile {
  return { id: randomUUID(), name, mime, size: content.length, content, askId };
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

/** The module's limits on what one session keeps in memory. */
export interface SessionFileLimits {
  maxSessionFiles: number;
  maxSessionFileBytes: number;
}

/**
 * The files one session keeps (uploads, element bytes), by id, within the module's
 * `maxSessionFiles` and `maxSessionFileBytes`.
 */
export class SessionFiles {
  private readonly byId = new Map<string, SessionFile>();
  private bytes = 0;

  constructor(private readonly limits?: SessionFileLimits) {}

  get size(): number {
    return this.byId.size;
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

  /** Throws `SessionLimitError` when the session holds as many files as it may. */
  assertRoom(what: string): void {
    const max = this.limits?.maxSessionFiles;
    if (max !== undefined && this.byId.size >= max) {
      throw new SessionLimitError(
        'maxSessionFiles',
        `${what} refused: this session already holds ${this.byId.size} files, its limit (the maxSessionFiles option); remove some first`,
      );
    }
  }

  /** Keeps a file; throws `SessionLimitError` beyond either limit. */
  add(file: SessionFile, what = `file "${file.name}"`): void {
    this.assertRoom(what);
    const bytes = this.bytes + file.size;
    const max = this.limits?.maxSessionFileBytes;
    if (max !== undefined && bytes > max) {
      throw new SessionLimitError(
        'maxSessionFileBytes',
        `${what} refused: ${file.size} more bytes would make this session's files ${bytes} bytes, over its limit of ${max} (the maxSessionFileBytes option)`,
      );
    }
    this.byId.set(file.id, file);
    this.bytes = bytes;
  }

  /** Lets go of a file's bytes. */
  drop(id: string): void {
    const file = this.byId.get(id);
    if (!file) return;
    this.byId.delete(id);
    this.bytes -= file.size;
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

  clear(): void {
    this.byId.clear();
    this.bytes = 0;
  }
}

/** A kept file as handlers see it. */
export function toUploadedFile(file: SessionFile): UploadedFile {
  return { id: file.id, name: file.name, type: file.mime, size: file.size, content: file.content };
}
