import { type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
/**
 * A body the app's parsers refuse (malformed JSON, over their size limit, an unknown charset)
 * never reaches a route, and Nest answers it in its own shape. On the chat's routes it gets what
 * every other refusal there gets: its 4xx status with `{ detail }`, the shape the Chainlit client
 * reads. The app's own routes are left as they are. Express only.
 */
export declare class ChatBodyErrors implements OnModuleInit {
    private readonly adapterHost;
    private readonly appConfig;
    constructor(adapterHost: HttpAdapterHost, appConfig: ApplicationConfig);
    /** Mounted after the routes and before Nest's own error handler (added after the init hooks). */
    onModuleInit(): void;
}
