var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
import { CHAT_ON_ACTION, CHAT_ON_CHAT_END, CHAT_ON_CHAT_RESUME, CHAT_ON_CHAT_START, CHAT_ON_DISCONNECT, CHAT_ON_MESSAGE, CHAT_ON_SETTINGS_EDIT, CHAT_ON_SETTINGS_UPDATE, CHAT_ON_STOP, CHAT_ON_WINDOW_MESSAGE, } from '../decorators/chat-decorators.constants.js';
export const CHAT_HANDLER_KEYS = {
    chatStart: CHAT_ON_CHAT_START,
    message: CHAT_ON_MESSAGE,
    chatEnd: CHAT_ON_CHAT_END,
    disconnect: CHAT_ON_DISCONNECT,
    stop: CHAT_ON_STOP,
    settingsUpdate: CHAT_ON_SETTINGS_UPDATE,
    settingsEdit: CHAT_ON_SETTINGS_EDIT,
    action: CHAT_ON_ACTION,
    chatResume: CHAT_ON_CHAT_RESUME,
    windowMessage: CHAT_ON_WINDOW_MESSAGE,
};
/** Reads what the handler decorators stored on a method. */
let ChatMetadataAccessor = class ChatMetadataAccessor {
    getHandlerMetadata(kind, method) {
        if (typeof method !== 'function')
            return [];
        return Reflect.getMetadata(CHAT_HANDLER_KEYS[kind], method) ?? [];
    }
};
ChatMetadataAccessor = __decorate([
    Injectable()
], ChatMetadataAccessor);
export { ChatMetadataAccessor };
//# sourceMappingURL=chat-metadata.accessor.js.map