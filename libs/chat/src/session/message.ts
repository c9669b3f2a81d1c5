import type { ChatSession } from './chat-session.js';
import { BaseStep } from './base-step.js';
import type { Action, ActionInput } from '../protocol/action.interface.js';
import type { ElementDict, ElementInput } from '../protocol/element.interface.js';
import type { MessageOptions } from '../protocol/step.interface.js';

/**
 * A chat message. `session.message()` makes one without sending it; `send()` shows it, `stream()`
 * grows it token by token, `update()` shows its new content and ends a stream.
 */
export class Message extends BaseStep {
  /** Action buttons to show under it; they go out when it first appears. */
  actions: ActionInput[];
  /** Elements to show with it; they go out when it first appears. */
  elements: ElementInput[];
  /** What was shown of them, once it has appeared (their ids, to remove them). */
  readonly shownActions: Action[] = [];
  readonly shownElements: ElementDict[] = [];

  /** @internal made by `ChatSession.message()` */
  constructor(session: ChatSession, content: string, author: string, options: MessageOptions = {}) {
    super(session, options.type ?? 'assistant_message', author, content, options);
    this.actions = options.actions ?? [];
    this.elements = options.elements ?? [];
  }

  /** Removes its action buttons from the client. */
  removeActions(): void {
    for (const action of this.shownActions.splice(0)) this.session.removeAction(action);
  }

  protected override async shown(): Promise<void> {
    for (const input of this.actions)
      this.shownActions.push(this.session.showAction(input, this.id));
    for (const input of this.elements) {
      this.shownElements.push(await this.session.element(input, input.forId ?? this.id));
    }
  }

  get content(): string {
    return this.output;
  }

  set content(value: string) {
    this.output = value;
  }

  get author(): string {
    return this.name;
  }

  set author(value: string) {
    this.name = value;
  }
}
