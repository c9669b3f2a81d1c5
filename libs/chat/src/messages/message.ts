import type { ChatSession } from '../session/chat-session.js';
import { BaseStep } from './base-step.js';
import type { MessageOptions } from './step.interface.js';

/**
 * A chat message. `session.message()` makes one without sending it; `send()` shows it, `stream()`
 * grows it token by token, `update()` shows its new content and ends a stream.
 */
export class Message extends BaseStep {
  /** @internal made by `ChatSession.message()` */
  constructor(session: ChatSession, content: string, author: string, options: MessageOptions = {}) {
    super(session, options.type ?? 'assistant_message', author, content, options);
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
