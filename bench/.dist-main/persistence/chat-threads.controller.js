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
import { BadRequestException, Body, Controller, Delete, Get, HttpCode, NotFoundException, Optional, Param, Post, Put, Req, Res, UseFilters, } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { servedFile } from '../protocol/served-file.js';
import { withElementUrls } from './element-urls.js';
import { ChatAuth } from '../auth/chat-auth.js';
import { chatValidation } from '../validation/chat-validation.pipe.js';
import { DetailExceptionFilter } from '../validation/detail-exception.filter.js';
import { ChatSessions } from '../session/chat-sessions.js';
import { CHAT_REQUEST_IDENTITY } from './chat-persistence.constants.js';
import { ChatPersistence } from './chat-persistence.js';
import { DeleteFeedbackDto, UpdateFeedbackDto } from './dto/feedback.dto.js';
import { ListThreadsDto } from './dto/list-threads.dto.js';
import { RenameThreadDto } from './dto/rename-thread.dto.js';
import { ThreadRefDto } from './dto/thread-ref.dto.js';
import { ThreadWriteQueue } from './thread-write.queue.js';
import { isUUID } from 'class-validator';
const THREAD_NOT_FOUND = 'Thread not found';
/**
 * The history routes of the Chainlit client: list, read, rename and delete threads, and give
 * feedback on messages. A caller sees only their own threads (see `ChatRequestIdentity`).
 * Changes go through the thread's write queue, and reads wait for the writes queued before them.
 */
let ChatThreadsController = class ChatThreadsController {
    constructor(persistence, queue, sessions, moduleRef, adapterHost, auth) {
        this.persistence = persistence;
        this.queue = queue;
        this.sessions = sessions;
        this.moduleRef = moduleRef;
        this.adapterHost = adapterHost;
        this.auth = auth;
        this.identify = () => undefined;
    }
    /** Who calls: a `CHAT_REQUEST_IDENTITY` provided anywhere in the app, else the logged-in user. */
    onModuleInit() {
        let custom;
        try {
            custom = this.moduleRef.get(CHAT_REQUEST_IDENTITY, { strict: false });
        }
        catch {
            custom = undefined;
        }
        const auth = this.auth;
        if (typeof custom === 'function')
            this.identify = custom;
        else if (auth) {
            this.identify = async (req) => (await auth.userOf(req.headers))?.identifier;
        }
    }
    /** A page of the caller's threads, newest first. */
    async list(body, req) {
        const store = this.store();
        const user = await this.caller(req);
        await this.queue.flush();
        return store.listThreads({
            first: body.pagination.first,
            cursor: body.pagination.cursor ?? undefined,
            search: body.filter?.search || undefined,
            feedback: body.filter?.feedback ?? undefined,
            userIdentifier: user ?? null,
        });
    }
    /** One of the caller's threads, with its steps and elements. */
    async get(id, req) {
        const store = this.store();
        const user = await this.caller(req);
        // Thread ids are UUIDs; another id is not found, like a thread of someone else.
        if (!isUUID(id))
            throw new NotFoundException(THREAD_NOT_FOUND);
        return this.queue.run(id, async () => {
            const thread = await store.getThread(id);
            if (!thread || !visible(thread, user))
                throw new NotFoundException(THREAD_NOT_FOUND);
            return withElementUrls(thread, this.persistence.root);
        });
    }
    /** An element of one of the caller's threads, with the URL of its bytes. */
    async element(threadId, elementId, req) {
        const { content: _bytes, ...element } = await this.storedElement(threadId, elementId, req);
        const [withUrl] = withElementUrls({ id: threadId, elements: [element] }, this.persistence.root).elements;
        return withUrl;
    }
    /** The stored bytes of an element of one of the caller's threads (an image, a file). */
    async elementContent(threadId, elementId, req, res) {
        const element = await this.storedElement(threadId, elementId, req);
        if (!element.content)
            throw new NotFoundException(`Element ${elementId} has no stored bytes`);
        const file = {
            name: element.name,
            mime: element.mime ?? 'application/octet-stream',
            size: element.content.byteLength,
        };
        return servedFile(this.adapterHost.httpAdapter, res, file, element.content);
    }
    /** Renames one of the caller's threads. */
    async rename(body, req) {
        const store = this.store();
        const user = await this.caller(req);
        return this.queue.run(body.threadId, async () => {
            await this.owned(store, body.threadId, user);
            await store.updateThread(body.threadId, { name: body.name });
            return { success: true };
        });
    }
    /** Deletes one of the caller's threads, with its steps, elements and feedback. */
    async remove(body, req) {
        const store = this.store();
        const user = await this.caller(req);
        return this.queue.run(body.threadId, async () => {
            await this.owned(store, body.threadId, user);
            await store.deleteThread(body.threadId);
            return { success: true };
        });
    }
    /** Sets the feedback on a message of one of the caller's threads (one per message). */
    async feedback(body, req) {
        const store = this.store();
        const user = await this.caller(req);
        const { forId, value, comment, id } = body.feedback;
        const threadId = body.feedback.threadId ??
            (body.sessionId ? this.sessions.get(body.sessionId)?.threadId : undefined) ??
            (await store.getStep(forId))?.threadId;
        const notFound = () => new NotFoundException(`Message ${forId} not found`);
        if (!threadId)
            throw notFound();
        return this.queue.run(threadId, async () => {
            const thread = await store.getThreadSummary(threadId);
            if (!thread || !visible(thread, user))
                throw notFound();
            const saved = await store.upsertFeedback({
                forId,
                threadId,
                value,
                comment: comment ?? undefined,
                id: id ?? undefined,
            });
            if (!saved)
                throw notFound();
            return { success: true, feedbackId: saved.id };
        });
    }
    /** Deletes a feedback on a message of one of the caller's threads. */
    async deleteFeedback(body, req) {
        const store = this.store();
        const user = await this.caller(req);
        const notFound = () => new NotFoundException(`Feedback ${body.feedbackId} not found`);
        const found = await store.getFeedback(body.feedbackId);
        if (!found)
            throw notFound();
        return this.queue.run(found.threadId, async () => {
            const thread = await store.getThreadSummary(found.threadId);
            if (!thread || !visible(thread, user))
                throw notFound();
            if (!(await store.deleteFeedback(body.feedbackId)))
                throw notFound();
            return { success: true };
        });
    }
    /** An element of one of the caller's threads, with its bytes; 404 for anything else. */
    async storedElement(threadId, elementId, req) {
        const store = this.store();
        const user = await this.caller(req);
        const notFound = () => new NotFoundException(`Element ${elementId} not found`);
        if (!isUUID(threadId) || !isUUID(elementId))
            throw notFound();
        return this.queue.run(threadId, async () => {
            const thread = await store.getThreadSummary(threadId);
            if (!thread || !visible(thread, user))
                throw notFound();
            const element = await store.getElement(elementId);
            if (!element || element.threadId !== threadId)
                throw notFound();
            return element;
        });
    }
    store() {
        if (!this.persistence.enabled) {
            throw new BadRequestException('Data persistence is not enabled');
        }
        return this.persistence.store;
    }
    /** The caller's user identifier, or `undefined` for no user. */
    async caller(req) {
        const identifier = await this.identify?.(req);
        return typeof identifier === 'string' && identifier !== '' ? identifier : undefined;
    }
    /** Throws a 404 unless the thread exists and belongs to the caller. */
    async owned(store, threadId, user) {
        const thread = await store.getThreadSummary(threadId);
        if (!thread || !visible(thread, user))
            throw new NotFoundException(THREAD_NOT_FOUND);
    }
};
__decorate([
    Post('project/threads'),
    HttpCode(200),
    __param(0, Body(chatValidation)),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ListThreadsDto, Object]),
    __metadata("design:returntype", Promise)
], ChatThreadsController.prototype, "list", null);
__decorate([
    Get('project/thread/:id'),
    __param(0, Param('id')),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], ChatThreadsController.prototype, "get", null);
__decorate([
    Get('project/thread/:threadId/element/:elementId'),
    __param(0, Param('threadId')),
    __param(1, Param('elementId')),
    __param(2, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, String, Object]),
    __metadata("design:returntype", Promise)
], ChatThreadsController.prototype, "element", null);
__decorate([
    Get('project/thread/:threadId/element/:elementId/content'),
    __param(0, Param('threadId')),
    __param(1, Param('elementId')),
    __param(2, Req()),
    __param(3, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, String, Object, Object]),
    __metadata("design:returntype", Promise)
], ChatThreadsController.prototype, "elementContent", null);
__decorate([
    Put('project/thread'),
    __param(0, Body(chatValidation)),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [RenameThreadDto, Object]),
    __metadata("design:returntype", Promise)
], ChatThreadsController.prototype, "rename", null);
__decorate([
    Delete('project/thread'),
    __param(0, Body(chatValidation)),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ThreadRefDto, Object]),
    __metadata("design:returntype", Promise)
], ChatThreadsController.prototype, "remove", null);
__decorate([
    Put('feedback'),
    __param(0, Body(chatValidation)),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [UpdateFeedbackDto, Object]),
    __metadata("design:returntype", Promise)
], ChatThreadsController.prototype, "feedback", null);
__decorate([
    Delete('feedback'),
    __param(0, Body(chatValidation)),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [DeleteFeedbackDto, Object]),
    __metadata("design:returntype", Promise)
], ChatThreadsController.prototype, "deleteFeedback", null);
ChatThreadsController = __decorate([
    Controller(),
    UseFilters(DetailExceptionFilter),
    __param(5, Optional()),
    __metadata("design:paramtypes", [ChatPersistence,
        ThreadWriteQueue,
        ChatSessions,
        ModuleRef,
        HttpAdapterHost,
        ChatAuth])
], ChatThreadsController);
export { ChatThreadsController };
/** A thread is its user's only; a thread without a user is shown to callers without one. */
function visible(thread, user) {
    return thread.userIdentifier === user;
}
//# sourceMappingURL=chat-threads.controller.js.map