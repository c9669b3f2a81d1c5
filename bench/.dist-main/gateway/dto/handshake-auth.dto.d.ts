/** The socket handshake's `auth` object. */
export declare class HandshakeAuthDto {
    clientType: string;
    sessionId: string;
    /** The thread to resume, or '' (a new thread). */
    threadId?: string;
    /** A JSON string of an object of strings. */
    userEnv?: string;
    /** A URI-encoded chat profile name, or ''. */
    chatProfile?: string;
}
