import { HttpAdapterHost } from '@nestjs/core';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { ChatAuth } from './chat-auth.js';
import type { ChatRequestHeaders } from '../protocol/chat-user.interface.js';
interface Request {
    headers: ChatRequestHeaders;
    body?: unknown;
    secure?: boolean;
    protocol?: string;
}
/** Login, logout and who is logged in: the routes the Chainlit client's auth calls. */
export declare class ChatAuthController {
    private readonly options;
    private readonly auth;
    private readonly adapterHost;
    constructor(options: ResolvedChatOptions, auth: ChatAuth, adapterHost: HttpAdapterHost);
    /** How users log in. */
    config(): {
        requireLogin: boolean;
        passwordAuth: boolean;
        headerAuth: boolean;
        oauthProviders: never[];
        default_theme: string;
        ui: {
            name: string;
        };
    };
    /** The logged-in user; `null` when no login is required; 401 without a valid login. */
    user(req: Request): Promise<string>;
    /** Password login (form fields or JSON `username`, `password`): sets the `access_token` cookie. */
    login(req: Request, res: unknown): Promise<{
        success: boolean;
        user: {
            identifier: string;
            display_name: string;
            metadata: Record<string, unknown>;
        };
    }>;
    /** Exchanges a bearer JWT signed with the secret for the session cookie. */
    jwt(req: Request, res: unknown): Promise<{
        success: boolean;
        user: {
            identifier: string;
            display_name: string;
            metadata: Record<string, unknown>;
        };
    }>;
    /** Logs in the user the header callback reads from the request (set by a proxy). */
    header(req: Request, res: unknown): Promise<{
        success: boolean;
        user: {
            identifier: string;
            display_name: string;
            metadata: Record<string, unknown>;
        };
    }>;
    /** Clears the session cookie. */
    logout(req: Request, res: unknown): {
        success: boolean;
    };
    private logIn;
    private enabled;
}
export {};
