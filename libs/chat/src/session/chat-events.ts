import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { ChatEvent } from '../protocol/chat-event.interface.js';

/** Every session's events, tagged with the session and thread id, in the order they happen. */
@Injectable()
export class ChatEvents implements OnApplicationShutdown {
  private readonly subject = new Subject<ChatEvent>();
  readonly events$: Observable<ChatEvent> = this.subject.asObservable();

  /** @internal sessions publish here; nothing else does. */
  publish(event: ChatEvent): void {
    this.subject.next(event);
  }

  onApplicationShutdown(): void {
    this.subject.complete();
  }
}
