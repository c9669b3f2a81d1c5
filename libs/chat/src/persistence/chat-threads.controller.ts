import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  type OnModuleInit,
  Optional,
  Param,
  Post,
  Put,
  Req,
  Res,
  type StreamableFile,
  UseFilters,
} from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { servedFile } from '../protocol/served-file.js';
import { withElementUrls } from './element-urls.js';
import { ChatAuth } from '../auth/chat-auth.js';
import { ANONYMOUS_PREFIX } from '../auth/chat-identity.js';
import type { ChatRequestHeaders } from '../protocol/chat-user.interface.js';
import { chatValidation } from '../validation/chat-validation.pipe.js';
import { DetailExceptionFilter } from '../validation/detail-exception.filter.js';
import { ChatSessions } from '../session/chat-sessions.js';
import { CHAT_REQUEST_IDENTITY } from './chat-persistence.constants.js';
import { ChatPersistence } from './chat-persistence.js';
import type { ChatRequestIdentity } from './chat-request-identity.interface.js';
import type {
  ChatStore,
  ChatThread,
  ChatThreadSummary,
  Paginated,
  StoredElement,
} from '../protocol/chat-store.interface.js';
import { DeleteFeedbackDto, UpdateFeedbackDto } from './dto/feedback.dto.js';
import { ListThreadsDto } from './dto/list-threads.dto.js';
import { RenameThreadDto } from './dto/rename-thread.dto.js';
import { ThreadRefDto } from './dto/thread-ref.dto.js';
import { ThreadWriteQueue } from './thread-write.queue.js';
import { isUUID } from 'class-validator';

const THREAD_NOT_FOUND = 'Thread not found';

/** A page with nothing on it. */
const EMPTY_PAGE: Paginated<ChatThreadSummary> = {
  data: [],
  pageInfo: { hasNextPage: false, startCursor: null, endCursor: null },
};

/**
 * The history routes of the Chainlit client: list, read, rename and delete threads, and give
 * feedback on messages. A caller sees only their own threads (see `ChatRequestIdentity`); a
 * thread without an owner is no one's.
 * Changes go through the thread's write queue, and reads wait for the writes queued before them.
 */
@Controller()
@UseFilters(DetailExceptionFilter)
export class ChatThreadsController implements OnModuleInit {
  private custom?: ChatRequestIdentity;

  constructor(
    private readonly persistence: ChatPersistence,
    private readonly queue: ThreadWriteQueue,
    private readonly sessions: ChatSessions,
    private readonly moduleRef: ModuleRef,
    private readonly adapterHost: HttpAdapterHost,
    @Optional() private readonly auth?: ChatAuth,
  ) {}

  /** A `CHAT_REQUEST_IDENTITY` provided anywhere in the app says who calls, first. */
  onModuleInit(): void {
    let custom: ChatRequestIdentity | undefined;
    try {
      custom = this.moduleRef.get<ChatRequestIdentity>(CHAT_REQUEST_IDENTITY, { strict: false });
    } catch {
      custom = undefined;
    }
    if (typeof custom === 'function') this.custom = custom;
  }

  /** A page of the caller's threads, newest first. */
  @Post('project/threads')
  @HttpCode(200)
  async list(
    @Body(chatValidation) body: ListThreadsDto,
    @Req() req: unknown,
  ): Promise<Paginated<ChatThreadSummary>> {
    const store = this.store();
    const user = await this.caller(req);
    if (user === undefined) return EMPTY_PAGE;
    await this.queue.flush();
    return store.listThreads({
      first: body.pagination.first,
      cursor: body.pagination.cursor ?? undefined,
      search: body.filter?.search || undefined,
      feedback: body.filter?.feedback ?? undefined,
      userIdentifier: user,
    });
  }

  /** One of the caller's threads, with its steps and elements. */
  @Get('project/thread/:id')
  async get(@Param('id') id: string, @Req() req: unknown): Promise<ChatThread> {
    const store = this.store();
    const user = await this.caller(req);
    // Thread ids are UUIDs; another id is not found, like a thread of someone else.
    if (!isUUID(id)) throw new NotFoundException(THREAD_NOT_FOUND);
    return this.queue.run(id, async () => {
      const thread = await store.getThread(id);
      if (!thread || !visible(thread, user)) throw new NotFoundException(THREAD_NOT_FOUND);
      return withElementUrls(thread, this.persistence.root);
    });
  }

  /** An element of one of the caller's threads, with the URL of its bytes. */
  @Get('project/thread/:threadId/element/:elementId')
  async element(
    @Param('threadId') threadId: string,
    @Param('elementId') elementId: string,
    @Req() req: unknown,
  ): Promise<Omit<StoredElement, 'content'>> {
    const { content: _bytes, ...element } = await this.storedElement(threadId, elementId, req);
    const [withUrl] = withElementUrls(
      { id: threadId, elements: [element] },
      this.persistence.root,
    ).elements;
    return withUrl;
  }

  /** The stored bytes of an element of one of the caller's threads (an image, a file). */
  @Get('project/thread/:threadId/element/:elementId/content')
  async elementContent(
    @Param('threadId') threadId: string,
    @Param('elementId') elementId: string,
    @Req() req: unknown,
    @Res({ passthrough: true }) res: unknown,
  ): Promise<StreamableFile> {
    const element = await this.storedElement(threadId, elementId, req);
    if (!element.content) throw new NotFoundException(`Element ${elementId} has no stored bytes`);
    const file = {
      name: element.name,
      mime: element.mime ?? 'application/octet-stream',
      size: element.content.byteLength,
    };
    return servedFile(this.adapterHost.httpAdapter, res, file, element.content);
  }

  /** Renames one of the caller's threads. */
  @Put('project/thread')
  async rename(
    @Body(chatValidation) body: RenameThreadDto,
    @Req() req: unknown,
  ): Promise<{ success: true }> {
    const store = this.store();
    const user = await this.caller(req);
    return this.queue.run(body.threadId, async () => {
      await this.owned(store, body.threadId, user);
      await store.updateThread(body.threadId, { name: body.name });
      return { success: true };
    });
  }

  /** Deletes one of the caller's threads, with its steps, elements and feedback. */
  @Delete('project/thread')
  async remove(
    @Body(chatValidation) body: ThreadRefDto,
    @Req() req: unknown,
  ): Promise<{ success: true }> {
    const store = this.store();
    const user = await this.caller(req);
    return this.queue.run(body.threadId, async () => {
      await this.owned(store, body.threadId, user);
      await store.deleteThread(body.threadId);
      return { success: true };
    });
  }

  /** Sets the feedback on a message of one of the caller's threads (one per message). */
  @Put('feedback')
  async feedback(
    @Body(chatValidation) body: UpdateFeedbackDto,
    @Req() req: unknown,
  ): Promise<{ success: true; feedbackId: string }> {
    const store = this.store();
    const user = await this.caller(req);
    const { forId, value, comment, id } = body.feedback;
    const threadId =
      body.feedback.threadId ??
      (body.sessionId ? this.sessions.get(body.sessionId)?.threadId : undefined) ??
      (await store.getStep(forId))?.threadId;
    const notFound = () => new NotFoundException(`Message ${forId} not found`);
    if (!threadId) throw notFound();
    return this.queue.run(threadId, async () => {
      const thread = await store.getThreadSummary(threadId);
      if (!thread || !visible(thread, user)) throw notFound();
      const saved = await store.upsertFeedback({
        forId,
        threadId,
        value,
        comment: comment ?? undefined,
        id: id ?? undefined,
      });
      if (!saved) throw notFound();
      return { success: true, feedbackId: saved.id };
    });
  }

  /** Deletes a feedback on a message of one of the caller's threads. */
  @Delete('feedback')
  async deleteFeedback(
    @Body(chatValidation) body: DeleteFeedbackDto,
    @Req() req: unknown,
  ): Promise<{ success: true }> {
    const store = this.store();
    const user = await this.caller(req);
    const notFound = () => new NotFoundException(`Feedback ${body.feedbackId} not found`);
    const found = await store.getFeedback(body.feedbackId);
    if (!found) throw notFound();
    return this.queue.run(found.threadId, async () => {
      const thread = await store.getThreadSummary(found.threadId);
      if (!thread || !visible(thread, user)) throw notFound();
      if (!(await store.deleteFeedback(body.feedbackId))) throw notFound();
      return { success: true };
    });
  }

  /** An element of one of the caller's threads, with its bytes; 404 for anything else. */
  private async storedElement(
    threadId: string,
    elementId: string,
    req: unknown,
  ): Promise<StoredElement> {
    const store = this.store();
    const user = await this.caller(req);
    const notFound = () => new NotFoundException(`Element ${elementId} not found`);
    if (!isUUID(threadId) || !isUUID(elementId)) throw notFound();
    return this.queue.run(threadId, async () => {
      const thread = await store.getThreadSummary(threadId);
      if (!thread || !visible(thread, user)) throw notFound();
      const element = await store.getElement(elementId);
      if (!element || element.threadId !== threadId) throw notFound();
      return element;
    });
  }

  private store(): ChatStore {
    if (!this.persistence.enabled) {
      throw new BadRequestException('Data persistence is not enabled');
    }
    return this.persistence.store;
  }

  /**
   * Who calls: what `CHAT_REQUEST_IDENTITY` says, else the logged-in user (401 without one), else
   * with login off the browser's anonymous identity; `undefined` for no one (who owns nothing).
   * An app's identity may not name an anonymous visitor.
   */
  private async caller(req: unknown): Promise<string | undefined> {
    const identifier = await this.custom?.(req);
    if (typeof identifier === 'string' && identifier !== '') {
      return identifier.startsWith(ANONYMOUS_PREFIX) ? undefined : identifier;
    }
    return this.auth?.callerOf(req as { headers: ChatRequestHeaders });
  }

  /** Throws a 404 unless the thread exists and belongs to the caller. */
  private async owned(store: ChatStore, threadId: string, user: string | undefined) {
    const thread = await store.getThreadSummary(threadId);
    if (!thread || !visible(thread, user)) throw new NotFoundException(THREAD_NOT_FOUND);
  }
}

/** A thread is its owner's only (a user, or an anonymous visitor); one without is no one's. */
function visible(thread: ChatThreadSummary, user: string | undefined): boolean {
  return user !== undefined && thread.userIdentifier === user;
}
