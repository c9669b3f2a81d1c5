/** A logged-in user: what the auth callbacks return and sessions carry (`session.user`). */
export interface ChatUser {
    /** Unique: threads and sessions belong to it. */
    identifier: string;
    displayName?: string;
    metadata?: Record<string, unknown>;
}
/** Request headers, as the header callback receives them. */
export type ChatRequestHeaders = Record<string, string | string[] | undefined>;
