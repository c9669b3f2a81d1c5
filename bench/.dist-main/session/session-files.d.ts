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
/** The MIME type of an element: given, from its name's extension, or from its type. */
export declare function guessMime(name: string, type?: string): string;
/** Reads an element's bytes (from `content` or `path`); `undefined` for a URL element. */
export declare function elementBytes(input: ElementInput): Promise<Buffer | undefined>;
/** A new file record, its bytes in memory. */
export declare function sessionFile(name: string, mime: string, content: Buffer, askId?: string): SessionFile;
/** A new file record, its `size` bytes in the file at `path` (which the session then owns). */
export declare function diskSessionFile(name: string, mime: string, path: string, size: number, askId?: string): SessionFile;
/** A file's bytes, read from disk if that is where they are. */
export declare function fileBytes(file: SessionFile): Promise<Buffer>;
/** Removes a file's bytes from disk, if they are there (in the background; a failure is ignored). */
export declare function removeFileBytes(file: {
    path?: string;
}): void;
/**
 * Whether a file fits an `accept` spec: MIME types (`image/*`, `text/plain`) as a list, or a
 * map of MIME type to extensions (`{ 'text/plain': ['.txt', '.md'] }`), as react-dropzone takes.
 */
export declare function accepts(accept: string[] | Record<string, string[]> | undefined, name: string, mime: string): boolean;
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
export declare class SessionFiles {
    private readonly limits?;
    private readonly byId;
    private bytes;
    /** Files and bytes reserved by uploads still coming in. */
    private pendingFiles;
    private pendingBytes;
    private isEnded;
    constructor(limits?: SessionFileLimits | undefined);
    get size(): number;
    /** Whether the session has ended (`clear`): it keeps nothing more. */
    get ended(): boolean;
    /** The bytes its files may still take: the limit less what it holds and what is reserved. */
    get room(): number;
    get(id: string): SessionFile | undefined;
    /** How many uploads answer the file ask `askId` so far. */
    countFor(askId: string): number;
    /** Throws `SessionLimitError` when the session holds (or is receiving) as many files as it may. */
    private assertRoom;
    /** Throws `SessionLimitError` when `size` more bytes would take the session past its limit. */
    private assertBytes;
    /** Keeps a file; throws `SessionLimitError` beyond either limit. */
    add(file: SessionFile, what?: string): void;
    /**
     * Sets room aside for a file still coming in: at least `bytes`, and up to `upTo` as far as the
     * session's room allows (a file whose size is known only within a range). Throws
     * `SessionLimitError` when the session holds as many files as it may, or `bytes` do not fit.
     */
    reserve(bytes: number, what: string, upTo?: number): FileReservation;
    /** Lets go of a file's bytes (removing them from disk if they are there). */
    drop(id: string): void;
    /** The uploads a message refers to, in its order; throws naming an unknown one. */
    uploads(ids: string[]): UploadedFile[];
    /** The uploads that answer the file ask `askId`, among those `refs` names. */
    answers(askId: string, refs: unknown[]): SessionFile[];
    /** The session ended: lets go of every file (removing those on disk); an upload under way is refused. */
    clear(): void;
}
/**
 * A kept file as handlers see it: `content` is its bytes; for a file on disk, `path` is where it
 * is and `content` reads the whole file each time it is read.
 */
export declare function toUploadedFile(file: SessionFile): UploadedFile;
