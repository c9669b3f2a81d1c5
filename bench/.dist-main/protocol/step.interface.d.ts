import type { ActionInput } from './action.interface.js';
import type { ElementInput, UploadedFile } from './element.interface.js';
/** The kinds of step the Chainlit client knows; messages are steps too. */
export type StepType = 'user_message' | 'assistant_message' | 'system_message' | 'run' | 'tool' | 'llm' | 'embedding' | 'retrieval' | 'rerank' | 'undefined';
/** A step (or message) as it goes over the wire: see the protocol's "Step" shape. */
export interface StepDict {
    id: string;
    threadId: string;
    parentId?: string;
    name: string;
    type: StepType;
    output: string;
    input?: string;
    createdAt: string;
    start?: string;
    end?: string;
    streaming?: boolean;
    isError?: boolean;
    waitForAnswer?: boolean;
    showInput?: boolean | string;
    language?: string;
    metadata?: Record<string, unknown>;
    tags?: string[];
    defaultOpen?: boolean;
    generation?: Record<string, unknown>;
}
/** Options of a new message or step. */
export interface StepOptions {
    /** The author shown by the client. Messages default to the module's `assistantName`. */
    author?: string;
    /** Nest it under another step or message. Steps default to the enclosing step. */
    parentId?: string;
    language?: string;
    metadata?: Record<string, unknown>;
    tags?: string[];
    isError?: boolean;
    showInput?: boolean | string;
    defaultOpen?: boolean;
}
/** Options of `session.message()` / `session.send()`. */
export interface MessageOptions extends StepOptions {
    /** @default 'assistant_message' */
    type?: Extract<StepType, 'assistant_message' | 'system_message' | 'user_message'>;
    /** Action buttons shown under the message, sent with it. */
    actions?: ActionInput[];
    /** Elements shown with the message, sent with it. */
    elements?: ElementInput[];
}
/** A message the user sent, as handlers receive it. */
export interface UserMessage {
    id: string;
    content: string;
    threadId: string;
    /** ISO-8601 UTC. */
    createdAt: string;
    /** The files the user attached (uploaded before sending). */
    files: UploadedFile[];
    /** The slash command the user picked, if any (see `session.setCommands()`). */
    command?: string;
}
