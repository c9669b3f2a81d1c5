var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
/** Every session's events, tagged with the session and thread id, in the order they happen. */
let ChatEvents = class ChatEvents {
    constructor() {
        this.subject = new Subject();
        this.events$ = this.subject.asObservable();
    }
    /** @internal sessions publish here; nothing else does. */
    publish(event) {
        this.subject.next(event);
    }
    onApplicationShutdown() {
        this.subject.complete();
    }
};
ChatEvents = __decorate([
    Injectable()
], ChatEvents);
export { ChatEvents };
//# sourceMappingURL=chat-events.js.map