import type { ChatCorsOptions } from '../options/chat-module-options.interface.js';
/**
 * Whether a request from a browser page of its `Origin` may reach the chat: the same origin
 * unless `cors` says otherwise. Requests without an Origin (not from a browser page) pass.
 */
export declare function originAllowed(headers: {
    origin?: string | string[];
    host?: string | string[];
}, cors: false | ChatCorsOptions): boolean;
