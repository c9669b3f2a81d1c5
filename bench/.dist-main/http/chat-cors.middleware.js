var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable } from '@nestjs/common';
import cors from 'cors';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { prefixRoot } from '../protocol/global-prefix.js';
import { originAllowed } from './origin-allowed.js';
/** The chat's HTTP routes, for `ChatCorsMiddleware` (under the app's global prefix). */
export const CHAT_HTTP_ROUTES = [
    'auth/*splat',
    'project/*splat',
    'user',
    'login',
    'logout',
    'set-session-cookie',
    'feedback',
];
/** Whether `path` (a request's, under the app's global `prefix`) is one of the chat's routes. */
export function isChatRoute(path, prefix = '') {
    const base = `${prefixRoot(prefix)}/`;
    if (!path.startsWith(base))
        return false;
    const route = path.slice(base.length);
    return CHAT_HTTP_ROUTES.some((pattern) => pattern.endsWith('/*splat')
        ? route.startsWith(pattern.slice(0, -'*splat'.length))
        : route === pattern || route === `${pattern}/`);
}
/**
 * CORS of the chat's HTTP routes, as the socket's: a browser page of another origin is refused
 * (403 `{ detail }`) unless the `cors` option allows it; then preflights are answered and the
 * CORS headers set, by the `cors` package with the same options.
 */
let ChatCorsMiddleware = class ChatCorsMiddleware {
    constructor(options) {
        this.options = options;
        if (options.cors !== false)
            this.handle = cors(options.cors);
    }
    use(req, res, next) {
        if (!originAllowed(req.headers, this.options.cors)) {
            res.statusCode = 403;
            res.setHeader('Content-Type', 'application/json; charset=utf-8');
            res.end(JSON.stringify({ detail: 'Cross-origin request refused (see the cors option)' }));
            return;
        }
        if (this.handle)
            return this.handle(req, res, next);
        next();
    }
};
ChatCorsMiddleware = __decorate([
    Injectable(),
    __param(0, Inject(CHAT_OPTIONS)),
    __metadata("design:paramtypes", [Object])
], ChatCorsMiddleware);
export { ChatCorsMiddleware };
//# sourceMappingURL=chat-cors.middleware.js.map