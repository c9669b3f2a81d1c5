import { AsyncLocalStorage } from 'node:async_hooks';
import type { BaseStep } from './base-step.js';
import type { UserMessage } from '../protocol/step.interface.js';
import type { ChatSession } from './chat-session.js';
import type { ChatTask } from './chat-task.js';
/** What the code of a handler (and everything it awaits) runs inside. */
export interface HandlerContext {
    session: ChatSession;
    task?: ChatTask;
    /** The user message being handled, if any: top-level steps nest under it. */
    message?: UserMessage;
    /** The innermost running step: new steps nest under it. */
    step?: BaseStep;
}
/** The context of the handler code running now (an AsyncLocalStorage): `ChatContext` reads it. */
export declare const handlerContext: AsyncLocalStorage<HandlerContext>;
