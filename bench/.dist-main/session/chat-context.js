var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
import { handlerContext } from './handler-context.js';
/**
 * The session of the handler being run, from anywhere its code reaches (services it calls,
 * promises it awaits): inject `ChatContext` instead of passing the session around.
 */
let ChatContext = class ChatContext {
    /** The current session, or `undefined` outside a chat handler. */
    get current() {
        return handlerContext.getStore()?.session;
    }
    /** The current session; throws when called outside a chat handler. */
    get session() {
        const session = this.current;
        if (!session) {
            throw new Error('ChatContext.session: no chat session here; it is only set inside chat handlers and what they call');
        }
        return session;
    }
};
ChatContext = __decorate([
    Injectable()
], ChatContext);
export { ChatContext };
//# sourceMappingURL=chat-context.js.map