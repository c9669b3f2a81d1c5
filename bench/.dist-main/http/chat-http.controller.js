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
import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Post, Put, Query, Req, Res, UseFilters, } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { ChatAuth } from '../auth/chat-auth.js';
import { ChatExplorer } from '../discovery/chat.explorer.js';
import { ChatSessions } from '../session/chat-sessions.js';
import { ChatRuntime } from '../runtime/chat.runtime.js';
import { chatValidation } from '../validation/chat-validation.pipe.js';
import { DetailExceptionFilter } from '../validation/detail-exception.filter.js';
import { ActionRequestDto } from './dto/action-request.dto.js';
import { ElementRequestDto } from './dto/element-request.dto.js';
import { SetSessionCookieDto } from './dto/set-session-cookie.dto.js';
import { errorMessage } from '../errors/error-message.js';
/** The name of the session-affinity cookie a load balancer can route on. */
export const SESSION_COOKIE = 'nest-chat-session';
/** The HTTP routes the Chainlit client calls next to its socket. */
let ChatHttpController = class ChatHttpController {
    constructor(options, adapterHost, explorer, sessions, runtime, auth) {
        this.options = options;
        this.adapterHost = adapterHost;
        this.explorer = explorer;
        this.sessions = sessions;
        this.runtime = runtime;
        this.auth = auth;
    }
    /** Sets the session-affinity cookie; the client calls it before it opens its socket. */
    setSessionCookie(body, req, res) {
        const secure = req.secure === true || req.protocol === 'https' ? '; Secure' : '';
        const cookie = `${SESSION_COOKIE}=${body.session_id}; Path=/; HttpOnly; SameSite=Lax${secure}`;
        this.adapterHost.httpAdapter.setHeader(res, 'Set-Cookie', cookie);
        return { message: 'Session cookie set' };
    }
    /** What the UI needs to know of the app: its features, profiles, starters. */
    projectSettings(chatProfile) {
        const { upload, chatProfiles } = this.options;
        const profile = chatProfiles.find((p) => p.name === chatProfile);
        return {
            ui: this.ui(),
            features: {
                spontaneous_file_upload: upload
                    ? {
                        enabled: true,
                        accept: upload.accept,
                        max_files: upload.maxFiles,
                        max_size_mb: upload.maxSizeMb,
                    }
                    : { enabled: false },
                edit_message: true,
                favorites: this.options.favorites,
                audio: { enabled: false },
                unsafe_allow_html: false,
                latex: false,
                mcp: { enabled: false },
            },
            userEnv: this.options.userEnv,
            dataPersistence: this.options.storage !== false,
            threadResumable: this.explorer.get('chatResume').length > 0,
            chatProfiles,
            starters: profile?.starters ?? this.options.starters,
            debugUrl: null,
            markdown: null,
            translation: {},
        };
    }
    /**
     * An action button was clicked: its `@OnAction(name)` handlers run in the session, and the
     * answer is `{ success, response }`.
     */
    async action(body, req) {
        const session = await this.sessionOf(body.sessionId, req);
        const handlers = this.explorer.get('action');
        if (!handlers.some((handler) => handler.options.name === body.action.name)) {
            throw new NotFoundException(`No @OnAction handler for action "${body.action.name}"`);
        }
        const action = session.shownAction(body.action.id);
        if (!action || action.name !== body.action.name) {
            throw new NotFoundException(`Action ${body.action.id} is not shown in this session`);
        }
        return this.runtime.action(session, action);
    }
    /**
     * The client's own update of a `custom` element it shows (its component called
     * `updateElement`): the element gets the new `props`, and the client is sent it again. Any
     * other type answers `{ success: false }`, as Chainlit does.
     */
    async updateElement(body, req) {
        const session = await this.sessionOf(body.sessionId, req);
        if (body.element.type !== 'custom')
            return { success: false };
        const shown = this.customElement(session, body.element.id);
        try {
            session.updateElement(shown.id, body.element.props ?? {});
        }
        catch (error) {
            throw new BadRequestException(`element: ${errorMessage(error)}`);
        }
        return { success: true };
    }
    /** The client's own removal of a `custom` element it shows (its component's `deleteElement`). */
    async deleteElement(body, req) {
        const session = await this.sessionOf(body.sessionId, req);
        if (body.element.type !== 'custom')
            return { success: false };
        session.removeElement(this.customElement(session, body.element.id).id);
        return { success: true };
    }
    /** The caller's live session with this id (with auth on, only the user's own). */
    async sessionOf(id, req) {
        const session = this.sessions.get(id);
        if (!session || !this.auth.owns(await this.auth.userOf(req.headers), session)) {
            throw new NotFoundException('Session not found');
        }
        return session;
    }
    customElement(session, id) {
        const shown = session.shownElement(id);
        if (!shown || shown.type !== 'custom') {
            throw new NotFoundException(`Element ${id} is not a custom element shown in this session`);
        }
        return shown;
    }
    ui() {
        return { name: this.options.assistantName, ...this.options.ui };
    }
};
__decorate([
    Post('set-session-cookie'),
    HttpCode(200),
    __param(0, Body(chatValidation)),
    __param(1, Req()),
    __param(2, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [SetSessionCookieDto, Object, Object]),
    __metadata("design:returntype", Object)
], ChatHttpController.prototype, "setSessionCookie", null);
__decorate([
    Get('project/settings'),
    __param(0, Query('chat_profile')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], ChatHttpController.prototype, "projectSettings", null);
__decorate([
    Post('project/action'),
    HttpCode(200),
    __param(0, Body(chatValidation)),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ActionRequestDto, Object]),
    __metadata("design:returntype", Promise)
], ChatHttpController.prototype, "action", null);
__decorate([
    Put('project/element'),
    __param(0, Body(chatValidation)),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ElementRequestDto, Object]),
    __metadata("design:returntype", Promise)
], ChatHttpController.prototype, "updateElement", null);
__decorate([
    Delete('project/element'),
    __param(0, Body(chatValidation)),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ElementRequestDto, Object]),
    __metadata("design:returntype", Promise)
], ChatHttpController.prototype, "deleteElement", null);
ChatHttpController = __decorate([
    Controller(),
    UseFilters(DetailExceptionFilter),
    __param(0, Inject(CHAT_OPTIONS)),
    __metadata("design:paramtypes", [Object, HttpAdapterHost,
        ChatExplorer,
        ChatSessions,
        ChatRuntime,
        ChatAuth])
], ChatHttpController);
export { ChatHttpController };
//# sourceMappingURL=chat-http.controller.js.map