import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { SessionLimitError } from '../errors/session-limit.error.js';
const MIME_BY_EXTENSION = {
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
const MIME_BY_TYPE = {
    text: 'text/plain',
    pdf: 'application/pdf',
    image: 'image/png',
    audio: 'audio/mpeg',
    video: 'video/mp4',
};
/** The MIME type of an element: given, from its name's extension, or from its type. */
export function guessMime(name, type) {
    return (MIME_BY_EXTENSION[extname(name).toLowerCase()] ??
        (type && MIME_BY_TYPE[type]) ??
        'application/octet-stream');
}
/** Reads an element's bytes (from `content` or `path`); `undefined` for a URL element. */
export async function elementBytes(input) {
    const sources = ['url', 'path', 'content'].filter((key) => input[key] !== undefined);
    if (sources.length !== 1) {
        throw new TypeError(`element "${input.name}": give exactly one of url, path or content (got ${sources.length ? sources.join(', ') : 'none'})`);
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
        }
        catch (error) {
            throw new Error(`element "${input.name}": cannot read ${basename(input.path)}: ${error.message}`, { cause: error });
        }
    }
    const { content } = input;
    if (typeof content === 'string')
        return Buffer.from(content, 'utf8');
    if (content instanceof Uint8Array)
        return Buffer.from(content);
    throw new TypeError(`element "${input.name}": content must be a string or bytes`);
}
/** A new file record, its bytes in memory. */
export function sessionFile(name, mime, content, askId) {
    return { id: randomUUID(), name, mime, size: content.length, content, askId };
}
/** A new file record, its `size` bytes in the file at `path` (which the session then owns). */
export function diskSessionFile(name, mime, path, size, askId) {
    return { id: randomUUID(), name, mime, size, path, askId };
}
/** A file's bytes, read from disk if that is where they are. */
export async function fileBytes(file) {
    return file.content ?? (await readFile(file.path));
}
/** Removes a file's bytes from disk, if they are there (in the background; a failure is ignored). */
export function removeFileBytes(file) {
    if (file.path)
        void rm(file.path, { force: true }).catch(() => undefined);
}
/**
 * Whether a file fits an `accept` spec: MIME types (`image/*`, `text/plain`) as a list, or a
 * map of MIME type to extensions (`{ 'text/plain': ['.txt', '.md'] }`), as react-dropzone takes.
 */
export function accepts(accept, name, mime) {
    if (!accept)
        return true;
    const mimeMatches = (pattern) => pattern === '*/*' ||
        pattern === mime ||
        (pattern.endsWith('/*') && mime.startsWith(pattern.slice(0, -1)));
    if (Array.isArray(accept)) {
        const ext = extname(name).toLowerCase();
        return accept.some((p) => (p.startsWith('.') ? p.toLowerCase() === ext : mimeMatches(p)));
    }
    const ext = extname(name).toLowerCase();
    return Object.entries(accept).some(([pattern, extensions]) => mimeMatches(pattern) || extensions.some((e) => e.toLowerCase() === ext));
}
/**
 * The files one session keeps (uploads, element bytes), by id, within the module's
 * `maxSessionFiles` and `maxSessionFileBytes`; uploads under way reserve their room first
 * (`reserve`), so uploads at once cannot together pass them. Files on disk are removed when they
 * are dropped and when the session ends (`clear`).
 */
export class SessionFiles {
    constructor(limits) {
        this.limits = limits;
        this.byId = new Map();
        this.bytes = 0;
        /** Files and bytes reserved by uploads still coming in. */
        this.pendingFiles = 0;
        this.pendingBytes = 0;
        this.isEnded = false;
    }
    get size() {
        return this.byId.size;
    }
    /** Whether the session has ended (`clear`): it keeps nothing more. */
    get ended() {
        return this.isEnded;
    }
    /** The bytes its files may still take: the limit less what it holds and what is reserved. */
    get room() {
        const max = this.limits?.maxSessionFileBytes;
        return max === undefined
            ? Number.POSITIVE_INFINITY
            : Math.max(0, max - this.bytes - this.pendingBytes);
    }
    get(id) {
        return this.byId.get(id);
    }
    /** How many uploads answer the file ask `askId` so far. */
    countFor(askId) {
        let count = 0;
        for (const file of this.byId.values())
            if (file.askId === askId)
                count++;
        return count;
    }
    /** Throws `SessionLimitError` when the session holds (or is receiving) as many files as it may. */
    assertRoom(what) {
        const max = this.limits?.maxSessionFiles;
        if (max === undefined || this.byId.size + this.pendingFiles < max)
            return;
        const held = this.pendingFiles === 0
            ? `${this.byId.size} files, its limit`
            : `${this.byId.size} files and is receiving ${this.pendingFiles} more, ${max} in all, its limit`;
        throw new SessionLimitError('maxSessionFiles', `${what} refused: this session already holds ${held} (the maxSessionFiles option); remove some first`);
    }
    /** Throws `SessionLimitError` when `size` more bytes would take the session past its limit. */
    assertBytes(size, what, atLeast = false) {
        const bytes = this.bytes + this.pendingBytes + size;
        const max = this.limits?.maxSessionFileBytes;
        if (max !== undefined && bytes > max) {
            const pending = this.pendingBytes > 0 ? ` (${this.pendingBytes} of them still uploading)` : '';
            throw new SessionLimitError('maxSessionFileBytes', `${what} refused: ${atLeast ? 'at least ' : ''}${size} more bytes would make this session's files ${bytes} bytes${pending}, over its limit of ${max} (the maxSessionFileBytes option)`);
        }
    }
    /** Keeps a file; throws `SessionLimitError` beyond either limit. */
    add(file, what = `file "${file.name}"`) {
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
    reserve(bytes, what, upTo = bytes) {
        if (this.isEnded)
            throw new Error(`${what} refused: the session has ended`);
        this.assertRoom(what);
        this.assertBytes(bytes, what, upTo > bytes);
        const reserved = Math.max(bytes, Math.min(upTo, this.room));
        this.pendingFiles++;
        this.pendingBytes += reserved;
        let open = true;
        const release = () => {
            if (!open)
                return;
            open = false;
            this.pendingFiles--;
            this.pendingBytes -= reserved;
        };
        return {
            bytes: reserved,
            release,
            commit: (file) => {
                if (!open)
                    throw new Error(`${what} refused: its reservation is over`);
                release();
                if (this.isEnded)
                    throw new Error(`${what} refused: the session has ended`);
                this.add(file, what);
            },
            overflow: (received) => {
                const max = this.limits?.maxSessionFileBytes;
                return new SessionLimitError('maxSessionFileBytes', `${what} refused: over ${received} bytes, more than this session's files may still take under their limit of ${max} bytes (the maxSessionFileBytes option)`);
            },
        };
    }
    /** Lets go of a file's bytes (removing them from disk if they are there). */
    drop(id) {
        const file = this.byId.get(id);
        if (!file)
            return;
        this.byId.delete(id);
        this.bytes -= file.size;
        removeFileBytes(file);
    }
    /** The uploads a message refers to, in its order; throws naming an unknown one. */
    uploads(ids) {
        return ids.map((id) => {
            const file = this.byId.get(id);
            if (!file || file.askId !== undefined) {
                throw new TypeError(`no uploaded file "${id}" in this session`);
            }
            return toUploadedFile(file);
        });
    }
    /** The uploads that answer the file ask `askId`, among those `refs` names. */
    answers(askId, refs) {
        const found = [];
        for (const ref of refs) {
            const key = ref;
            const id = key?.id ?? key?.chainlitKey;
            const file = typeof id === 'string' ? this.byId.get(id) : undefined;
            if (file?.askId === askId)
                found.push(file);
        }
        return found;
    }
    /** The session ended: lets go of every file (removing those on disk); an upload under way is refused. */
    clear() {
        this.isEnded = true;
        for (const file of this.byId.values())
            removeFileBytes(file);
        this.byId.clear();
        this.bytes = 0;
    }
}
/**
 * A kept file as handlers see it: `content` is its bytes; for a file on disk, `path` is where it
 * is and `content` reads the whole file each time it is read.
 */
export function toUploadedFile(file) {
    const { id, name, mime: type, size, content, path } = file;
    if (content)
        return { id, name, type, size, content };
    return Object.defineProperty({ id, name, type, size, path }, 'content', {
        enumerable: true,
        get: () => readFileSync(path),
    });
}
//# sourceMappingURL=session-files.js.map