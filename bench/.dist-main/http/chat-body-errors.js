var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { isChatRoute } from './chat-cors.middleware.js';
import { globalPrefixRoot } from '../protocol/global-prefix.js';
/**
 * A body the app's parsers refuse (malformed JSON, over their size limit, an unknown charset)
 * never reaches a route, and Nest answers it in its own shape. On the chat's routes it gets what
 * every other refusal there gets: its 4xx status with `{ detail }`, the shape the Chainlit client
 * reads. The app's own routes are left as they are. Express only.
 */
let ChatBodyErrors = class ChatBodyErrors {
    constructor(adapterHost, appConfig) {
        this.adapterHost = adapterHost;
        this.appConfig = appConfig;
    }
    /** Mounted after the routes and before Nest's own error handler (added after the init hooks). */
    onModuleInit() {
        const adapter = this.adapterHost.httpAdapter;
        if (adapter?.getType() !== 'express')
            return;
        const root = globalPrefixRoot(this.appConfig);
        const handler = (error, req, res, next) => {
            const status = error?.status;
            const refused = typeof status === 'number' && status >= 400 && status < 500;
            const path = (req.url ?? '').split('?')[0];
            if (!refused || res.headersSent || !isChatRoute(path, root))
                return next(error);
            res.statusCode = status;
            res.setHeader('Content-Type', 'application/json; charset=utf-8');
            res.end(JSON.stringify({ detail: detailOf(error) }));
        };
        adapter.getInstance().use(handler);
    }
};
ChatBodyErrors = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [HttpAdapterHost,
        ApplicationConfig])
], ChatBodyErrors);
export { ChatBodyErrors };
function detailOf(error) {
    if (error.type === 'entity.too.large') {
        return `Request body too large: ${error.length} bytes, at most ${error.limit}`;
    }
    if (error.type === 'entity.parse.failed')
        return `Malformed request body: ${error.message}`;
    return error.message || 'Bad request';
}
//# sourceMappingURL=chat-body-errors.js.map