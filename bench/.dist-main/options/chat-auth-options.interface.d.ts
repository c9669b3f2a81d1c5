import type { ChatRequestHeaders, ChatUser } from '../protocol/chat-user.interface.js';
/** Options of `auth`: turns login on; each callback enables one way in. */
export interface ChatAuthOptions {
    /**
     * The secret that signs the session JWTs (HS256) and checks the ones `POST /auth/jwt`
     * exchanges; at least 32 characters.
     */
    secret: string;
    /** `POST /login` (username, password): the user, or null to refuse. */
    password?: (username: string, password: string) => ChatUser | null | undefined | Promise<ChatUser | null | undefined>;
    /** `POST /auth/header`: the user the request's headers show (from a proxy), or null. */
    header?: (headers: ChatRequestHeaders) => ChatUser | null | undefined | Promise<ChatUser | null | undefined>;
    /** How long a login lasts, in seconds. @default 1296000 (15 days) */
    tokenTtlSeconds?: number;
}
