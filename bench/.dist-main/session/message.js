import { BaseStep } from './base-step.js';
/**
 * A chat message. `session.message()` makes one without sending it; `send()` shows it, `stream()`
 * grows it token by token, `update()` shows its new content and ends a stream.
 */
export class Message extends BaseStep {
    /** @internal made by `ChatSession.message()` */
    constructor(session, content, author, options = {}) {
        super(session, options.type ?? 'assistant_message', author, content, options);
        /** What was shown of them, once it has appeared (their ids, to remove them). */
        this.shownActions = [];
        this.shownElements = [];
        this.actions = options.actions ?? [];
        this.elements = options.elements ?? [];
    }
    /** Removes its action buttons from the client. */
    removeActions() {
        for (const action of this.shownActions.splice(0))
            this.session.removeAction(action);
    }
    async shown() {
        for (const input of this.actions)
            this.shownActions.push(this.session.showAction(input, this.id));
        for (const input of this.elements) {
            this.shownElements.push(await this.session.element(input, input.forId ?? this.id));
        }
    }
    get content() {
        return this.output;
    }
    set content(value) {
        this.output = value;
    }
    get author() {
        return this.name;
    }
    set author(value) {
        this.name = value;
    }
}
//# sourceMappingURL=message.js.map