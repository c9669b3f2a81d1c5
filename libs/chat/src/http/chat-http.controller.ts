import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { ChatAuth } from '../auth/chat-auth.js';
import { trustFunction } from '../limits/client-address.js';
import { isHttps } from '../limits/request-https.js';
import { addCookie } from '../auth/request-cookies.js';
import type { ChatRequestHeaders } from '../protocol/chat-user.interface.js';
import { ChatExplorer } from '../discovery/chat.explorer.js';
import { ChatSessions } from '../session/chat-sessions.js';
import { type ActionResult, ChatRuntime } from '../runtime/chat.runtime.js';
import { chatValidation } from '../validation/chat-validation.pipe.js';
import { DetailExceptionFilter } from '../validation/detail-exception.filter.js';
import { ActionRequestDto } from './dto/action-request.dto.js';
import { ElementRequestDto } from './dto/element-request.dto.js';
import type { ChatSession } from '../session/chat-session.js';
import { SetSessionCookieDto } from './dto/set-session-cookie.dto.js';
import { errorMessage } from '../errors/error-message.js';

/** The name of the session-affinity cookie a load balancer can route on. */
export const SESSION_COOKIE = 'nest-chat-session';

/** The HTTP routes the Chainlit client calls next to its socket. */
@Controller()
@UseFilters(DetailExceptionFilter)
export class ChatHttpController {
  private readonly trust: (address: string, hop: number) => boolean;

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly explorer: ChatExplorer,
    private readonly sessions: ChatSessions,
    private readonly runtime: ChatRuntime,
    private readonly auth: ChatAuth,
  ) {
    this.trust = trustFunction(options.trustProxy);
  }

  /** Sets the session-affinity cookie; the client calls it before it opens its socket. */
  @Post('set-session-cookie')
  @HttpCode(200)
  setSessionCookie(
    @Body(chatValidation) body: SetSessionCookieDto,
    @Req() req: unknown,
    @Res({ passthrough: true }) res: unknown,
  ): { message: string } {
    const secure = isHttps(req, this.trust) ? '; Secure' : '';
    const cookie = `${SESSION_COOKIE}=${body.session_id}; Path=/; HttpOnly; SameSite=Lax${secure}`;
    addCookie(res, cookie); // after the identity cookie, if the request got one

    return { message: 'Session cookie set' };
  }

  /** What the UI needs to know of the app: its features, profiles, starters. */
  @Get('project/settings')
  projectSettings(@Query('chat_profile') chatProfile?: string) {
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
  @Post('project/action')
  @HttpCode(200)
  async action(
    @Body(chatValidation) body: ActionRequestDto,
    @Req() req: { headers: ChatRequestHeaders },
  ): Promise<ActionResult> {
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
  @Put('project/element')
  async updateElement(
    @Body(chatValidation) body: ElementRequestDto,
    @Req() req: { headers: ChatRequestHeaders },
  ): Promise<{ success: boolean }> {
    const session = await this.sessionOf(body.sessionId, req);
    if (body.element.type !== 'custom') return { success: false };
    const shown = this.customElement(session, body.element.id);
    try {
      session.updateElement(shown.id, body.element.props ?? {});
    } catch (error) {
      throw new BadRequestException(`element: ${errorMessage(error)}`);
    }
    return { success: true };
  }

  /** The client's own removal of a `custom` element it shows (its component's `deleteElement`). */
  @Delete('project/element')
  async deleteElement(
    @Body(chatValidation) body: ElementRequestDto,
    @Req() req: { headers: ChatRequestHeaders },
  ): Promise<{ success: boolean }> {
    const session = await this.sessionOf(body.sessionId, req);
    if (body.element.type !== 'custom') return { success: false };
    session.removeElement(this.customElement(session, body.element.id).id);
    return { success: true };
  }

  /** The caller's live session with this id: its own only (its user's, or its browser's). */
  private async sessionOf(id: string, req: { headers: ChatRequestHeaders }): Promise<ChatSession> {
    const session = this.sessions.get(id);
    if (!session || !this.auth.owns(await this.auth.callerOf(req), session)) {
      throw new NotFoundException('Session not found');
    }
    return session;
  }

  private customElement(session: ChatSession, id: string) {
    const shown = session.shownElement(id);
    if (!shown || shown.type !== 'custom') {
      throw new NotFoundException(`Element ${id} is not a custom element shown in this session`);
    }
    return shown;
  }

  private ui(): Record<string, unknown> {
    return { name: this.options.assistantName, ...this.options.ui };
  }
}
