import { BaseStep } from './base-step.js';
import type { Action, ActionInput } from '../protocol/action.interface.js';
import type { ElementDict, ElementInput } from '../protocol/element.interface.js';
/**
 * A chat message. `session.message()` makes one without sending it; `send()` shows it, `stream()`
 * grows it token by token, `update()` shows its new content and ends a stream.
 */
export declare class Message extends BaseStep {
    /** Action buttons to show under it; they go out when it first appears. */
    actions: ActionInput[];
    /** Elements to show with it; they go out when it first appears. */
    elements: ElementInput[];
    /** What was shown of them, once it has appeared (their ids, to remove them). */
    readonly shownActions: Action[];
    readonly shownElements: ElementDict[];
    /** Removes its action buttons from the client. */
    removeActions(): void;
    protected shown(): Promise<void>;
    get content(): string;
    set content(value: string);
    get author(): string;
    set author(value: string);
}
