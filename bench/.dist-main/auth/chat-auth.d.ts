import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import type { ChatSession } from '../session/chat-session.js';
import type { ChatRequestHeaders, ChatUser } from '../protocol/chat-user.interface.js';
/** The cookie that carries the session JWT. */
export declare const ACCESS_TOKEN_COOKIE = "access_token";
/** Signs and checks the JWTs of logged-in users, and reads them from requests and sockets. */
export declare class ChatAuth {
    private readonly options;
    private readonly key?;
    constructor(options: ResolvedChatOptions);
    /** True when login is required. */
    get enabled(): boolean;
    /** A JWT for the user, valid for `tokenTtlSeconds`. */
    sign(user: ChatUser): Promise<string>;
    /** The user of a JWT signed with the secret; throws 401 naming what is wrong. */
    verify(token: string): Promise<ChatUser>;
    /** The user of a request or socket handshake: its `access_token` cookie or bearer token. */
    userOf(headers: ChatRequestHeaders): Promise<ChatUser | undefined>;
    /** Whether the caller (`user`, from `userOf`) may reach the session: its own only. */
    owns(user: ChatUser | undefined, session: ChatSession): boolean;
    /** The `Set-Cookie` value that logs in (a token) or out (none). */
    cookie(token: string | undefined, secure: boolean): string;
    private required;
}
/** A user as a callback or a token gives it, checked. */
export declare function checkUser(value: unknown, from: string): ChatUser;
/** The user as the Chainlit client reads it (`GET /user`). */
export declare function userDict(user: ChatUser): {
    identifier: string;
    display_name: string;
    metadata: Record<string, unknown>;
};
