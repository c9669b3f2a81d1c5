import { type OnApplicationShutdown } from '@nestjs/common';
import { type Observable } from 'rxjs';
import type { ChatEvent } from '../protocol/chat-event.interface.js';
/** Every session's events, tagged with the session and thread id, in the order they happen. */
export declare class ChatEvents implements OnApplicationShutdown {
    private readonly subject;
    readonly events$: Observable<ChatEvent>;
    onApplicationShutdown(): void;
}
