import { HttpAdapterHost } from '@nestjs/core';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { ChatAuth } from '../auth/chat-auth.js';
import type { ChatRequestHeaders } from '../protocol/chat-user.interface.js';
import { ChatExplorer } from '../discovery/chat.explorer.js';
import { ChatSessions } from '../session/chat-sessions.js';
import { type ActionResult, ChatRuntime } from '../runtime/chat.runtime.js';
import { ActionRequestDto } from './dto/action-request.dto.js';
import { ElementRequestDto } from './dto/element-request.dto.js';
import { SetSessionCookieDto } from './dto/set-session-cookie.dto.js';
/** The name of the session-affinity cookie a load balancer can route on. */
export declare const SESSION_COOKIE = "nest-chat-session";
/** The HTTP routes the Chainlit client calls next to its socket. */
export declare class ChatHttpController {
    private readonly options;
    private readonly adapterHost;
    private readonly explorer;
    private readonly sessions;
    private readonly runtime;
    private readonly auth;
    constructor(options: ResolvedChatOptions, adapterHost: HttpAdapterHost, explorer: ChatExplorer, sessions: ChatSessions, runtime: ChatRuntime, auth: ChatAuth);
    /** Sets the session-affinity cookie; the client calls it before it opens its socket. */
    setSessionCookie(body: SetSessionCookieDto, req: {
        secure?: boolean;
        protocol?: string;
    }, res: unknown): {
        message: string;
    };
    /** What the UI needs to know of the app: its features, profiles, starters. */
    projectSettings(chatProfile?: string): {
        ui: Record<string, unknown>;
        features: {
            spontaneous_file_upload: {
                enabled: boolean;
                accept: string[] | Record<string, string[]>;
                max_files: number;
                max_size_mb: number;
            } | {
                enabled: boolean;
                accept?: undefined;
                max_files?: undefined;
                max_size_mb?: undefined;
            };
            edit_message: boolean;
            favorites: boolean;
            audio: {
                enabled: boolean;
            };
            unsafe_allow_html: boolean;
            latex: boolean;
            mcp: {
                enabled: boolean;
            };
        };
        userEnv: string[];
        dataPersistence: boolean;
        threadResumable: boolean;
        chatProfiles: import("../options/chat-module-options.interface.js").ChatProfile[];
        starters: import("../options/chat-module-options.interface.js").ChatStarter[];
        debugUrl: null;
        markdown: null;
        translation: {};
    };
    /**
     * An action button was clicked: its `@OnAction(name)` handlers run in the session, and the
     * answer is `{ success, response }`.
     */
    action(body: ActionRequestDto, req: {
        headers: ChatRequestHeaders;
    }): Promise<ActionResult>;
    /**
     * The client's own update of a `custom` element it shows (its component called
     * `updateElement`): the element gets the new `props`, and the client is sent it again. Any
     * other type answers `{ success: false }`, as Chainlit does.
     */
    updateElement(body: ElementRequestDto, req: {
        headers: ChatRequestHeaders;
    }): Promise<{
        success: boolean;
    }>;
    /** The client's own removal of a `custom` element it shows (its component's `deleteElement`). */
    deleteElement(body: ElementRequestDto, req: {
        headers: ChatRequestHeaders;
    }): Promise<{
        success: boolean;
    }>;
    /** The caller's live session with this id (with auth on, only the user's own). */
    private sessionOf;
    private customElement;
    private ui;
}
