import type { RedisClientOptions } from 'redis';
/**
 * Several instances of the app on one Redis (`ChatModule.forRoot({ redis: { url } })`): events
 * reach a client whichever instance emits them (the socket.io Redis Streams adapter), sessions
 * are reached from any instance (`ChatSessions.sendTo`), and a socket that drops for a moment
 * gets every event it missed (socket.io's connection state recovery).
 */
export interface ChatRedisOptions {
    /** `redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS. */
    url: string;
    /**
     * How long a dropped socket may come back and be sent every event it missed, once and in
     * order (socket.io's connection state recovery), in milliseconds. 0 turns recovery off.
     * It may not exceed `sessionTimeoutMs`: the socket would find its session ended.
     * @default 120000 (2 minutes)
     */
    maxDisconnectionDuration?: number;
    /**
     * Names of the Redis stream, channels and keys; apps that share a Redis need their own.
     * @default 'nest-chat'
     */
    keyPrefix?: string;
    /**
     * Entries the Redis stream keeps (about): what a recovering socket can be sent again. Size it
     * to the events per second of every instance together times `maxDisconnectionDuration`; a
     * socket that missed more reconnects as a new socket (the message streaming now is sent whole).
     * @default 100000
     */
    maxLen?: number;
    /** Other options of the `redis` client (`createClient`): `socket`, `password`, ... */
    client?: Omit<RedisClientOptions, 'url'>;
}
/** The `redis` option with its defaults applied. */
export type ResolvedChatRedisOptions = Required<Omit<ChatRedisOptions, 'client'>> & Pick<ChatRedisOptions, 'client'>;
