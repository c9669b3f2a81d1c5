import { StreamableFile } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import { ChatAuth } from '../auth/chat-auth.js';
import type { ChatRequestHeaders } from '../protocol/chat-user.interface.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { ChatSessions } from '../session/chat-sessions.js';
import { FileQueryDto } from './dto/file-query.dto.js';
import { UploadTempDir } from './upload-temp-dir.js';
/** Uploads (`POST /project/file`) and the bytes of a session's files (`GET /project/file/{id}`). */
export declare class ChatFilesController {
    private readonly options;
    private readonly adapterHost;
    private readonly sessions;
    private readonly auth;
    private readonly tempDir;
    /** The bytes all uploads are receiving now (the `maxUploadBytesInFlight` option). */
    private readonly inFlight;
    constructor(options: ResolvedChatOptions, adapterHost: HttpAdapterHost, sessions: ChatSessions, auth: ChatAuth, tempDir: UploadTempDir);
    /**
     * A multipart upload (field `file`) for a session: an attachment of the next message, or an
     * answer to a file ask (`ask_parent_id`), whose `accept`, `max_files`, `max_size_mb` apply.
     * Before its body is read it reserves its room in the session's limits and in
     * `maxUploadBytesInFlight`, or is refused (413, 503); a body over 1 MiB is written to disk.
     */
    upload(query: FileQueryDto, req: {
        headers: ChatRequestHeaders & IncomingHttpHeaders;
    }, res: unknown): Promise<{
        id: string;
        name: string;
        type: string;
        size: number;
    }>;
    /** Checks a received file against the upload's limits and keeps it in the session. */
    private keep;
    /** The bytes of a file of the session (an element's content or an upload). */
    download(id: string, query: FileQueryDto, req: {
        headers: ChatRequestHeaders;
    }, res: unknown): Promise<StreamableFile>;
    /** The session, if the caller may reach it (its own, with auth on). */
    private sessionOf;
    /** The limits of an upload: the file ask's, or the module's `upload` option. */
    private limitsFor;
}
