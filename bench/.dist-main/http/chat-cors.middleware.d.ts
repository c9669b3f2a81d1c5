import { type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
/** The chat's HTTP routes, for `ChatCorsMiddleware` (under the app's global prefix). */
export declare const CHAT_HTTP_ROUTES: string[];
/** Whether `path` (a request's, under the app's global `prefix`) is one of the chat's routes. */
export declare function isChatRoute(path: string, prefix?: string): boolean;
/**
 * CORS of the chat's HTTP routes, as the socket's: a browser page of another origin is refused
 * (403 `{ detail }`) unless the `cors` option allows it; then preflights are answered and the
 * CORS headers set, by the `cors` package with the same options.
 */
export declare class ChatCorsMiddleware implements NestMiddleware {
    private readonly options;
    private readonly handle?;
    constructor(options: ResolvedChatOptions);
    use(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void;
}
