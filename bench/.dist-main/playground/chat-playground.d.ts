import { type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
/** The settings the page's script reads from its JSON block (`#playground-config`). */
export interface PlaygroundConfig {
    /** The socket.io path, under the global prefix. */
    socketPath: string;
    /** The global prefix ('' without one), before the chat's HTTP routes. */
    httpRoot: string;
}
/** JSON for a `<script type="application/json">` block: no `<` in it can close the block. */
export declare function configJson(config: PlaygroundConfig): string;
/** The page with its settings in place (the template holds the placeholder once). */
export declare function renderPlaygroundPage(template: string, config: PlaygroundConfig): string;
/**
 * Serves the playground page (option `playground`): a chat UI on the socket.io client the
 * server already serves, with no build step. The page is at `<path>/`, its script and stylesheet
 * next to it (`<path>/playground.js`, `<path>/playground.css`); all three are read at startup.
 */
export declare class ChatPlayground implements OnModuleInit {
    private readonly options;
    private readonly adapterHost;
    private readonly appConfig;
    private readonly logger;
    constructor(options: ResolvedChatOptions, adapterHost: HttpAdapterHost, appConfig: ApplicationConfig);
    onModuleInit(): Promise<void>;
}
