import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UseFilters,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import multer from 'multer';
import { ChatAuth } from '../auth/chat-auth.js';
import type { ChatRequestHeaders } from '../protocol/chat-user.interface.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { SessionLimitError } from '../errors/session-limit.error.js';
import type { AskSpec } from '../protocol/chat-event.interface.js';
import type { ChatSession } from '../session/chat-session.js';
import { ChatSessions } from '../session/chat-sessions.js';
import { accepts, sessionFile } from '../session/session-files.js';
import { chatValidation } from '../validation/chat-validation.pipe.js';
import { DetailExceptionFilter } from '../validation/detail-exception.filter.js';
import { FileQueryDto } from './dto/file-query.dto.js';

const MB = 1024 * 1024;
/** Types a browser may show inline; anything else is downloaded. */
const INLINE = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain|audio\/|video\/)/;

type FileSpec = Extract<AskSpec, { type: 'file' }>;

/** Uploads (`POST /project/file`) and the bytes of a session's files (`GET /project/file/{id}`). */
@Controller('project/file')
@UseFilters(DetailExceptionFilter)
export class ChatFilesController {
  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly sessions: ChatSessions,
    private readonly auth: ChatAuth,
  ) {}

  /**
   * A multipart upload (field `file`) for a session: an attachment of the next message, or an
   * answer to a file ask (`ask_parent_id`), whose `accept`, `max_files`, `max_size_mb` apply.
   */
  @Post()
  @HttpCode(200)
  async upload(
    @Query(chatValidation) query: FileQueryDto,
    @Req() req: { headers: ChatRequestHeaders },
    @Res({ passthrough: true }) res: unknown,
  ): Promise<{ id: string; name: string; type: string; size: number }> {
    const session = await this.sessionOf(query.session_id, req);
    const limits = this.limitsFor(session, query.ask_parent_id);
    try {
      session.files.assertRoom('Upload');
    } catch (error) {
      throw tooLarge(error);
    }
    const file = await receive(req, res, limits.maxSizeMb);
    if (!accepts(limits.accept, file.originalname, file.mimetype)) {
      throw new HttpException(
        `File type "${file.mimetype}" of "${file.originalname}" is not accepted (accepted: ${JSON.stringify(limits.accept)})`,
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      );
    }
    if (query.ask_parent_id) {
      if (session.files.countFor(query.ask_parent_id) >= limits.maxFiles) {
        throw new BadRequestException(`At most ${limits.maxFiles} file(s) for this question`);
      }
    }
    const stored = sessionFile(file.originalname, file.mimetype, file.buffer, query.ask_parent_id);
    try {
      session.files.add(stored, 'Upload');
    } catch (error) {
      throw tooLarge(error);
    }
    return { id: stored.id, name: stored.name, type: stored.mime, size: stored.size };
  }

  /** The bytes of a file of the session (an element's content or an upload). */
  @Get(':id')
  async download(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query(chatValidation) query: FileQueryDto,
    @Req() req: { headers: ChatRequestHeaders },
    @Res({ passthrough: true }) res: unknown,
  ): Promise<StreamableFile> {
    const session = this.sessions.get(query.session_id);
    const owned = session && this.auth.owns(await this.auth.userOf(req.headers), session);
    const file = owned ? session.files.get(id) : undefined;
    if (!file) throw new NotFoundException('File not found');
    const adapter = this.adapterHost.httpAdapter;
    adapter.setHeader(res, 'X-Content-Type-Options', 'nosniff');
    adapter.setHeader(res, 'Content-Security-Policy', 'sandbox');
    adapter.setHeader(res, 'Cache-Control', 'private, max-age=3600');
    const disposition = INLINE.test(file.mime) ? 'inline' : 'attachment';
    return new StreamableFile(file.content, {
      type: file.mime,
      length: file.size,
      disposition: `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
  }

  /** The session, if the caller may reach it (its own, with auth on). */
  private async sessionOf(id: string, req: { headers: ChatRequestHeaders }): Promise<ChatSession> {
    const session = this.sessions.get(id);
    if (!session || !this.auth.owns(await this.auth.userOf(req.headers), session)) {
      throw new NotFoundException('Session not found');
    }
    return session;
  }

  /** The limits of an upload: the file ask's, or the module's `upload` option. */
  private limitsFor(
    session: ChatSession,
    askId: string | undefined,
  ): { accept: FileSpec['accept']; maxFiles: number; maxSizeMb: number } {
    if (askId) {
      const spec = session.asks.spec(askId);
      if (spec?.type !== 'file')
        throw new NotFoundException(`No file question ${askId} is pending`);
      return { accept: spec.accept, maxFiles: spec.max_files, maxSizeMb: spec.max_size_mb };
    }
    if (!this.options.upload) throw new ForbiddenException('File uploads are disabled');
    return this.options.upload;
  }
}

/** Reads the multipart body's one `file` field into memory, within `maxSizeMb`. */
function receive(req: unknown, res: unknown, maxSizeMb: number): Promise<Express.Multer.File> {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: Math.floor(maxSizeMb * MB), files: 1, fields: 5, parts: 6 },
  }).single('file');
  return new Promise((resolve, reject) => {
    parse(req as never, res as never, (error: unknown) => {
      const file = (req as { file?: Express.Multer.File }).file;
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') {
          return reject(
            new HttpException(
              `File too large: at most ${maxSizeMb} MB`,
              HttpStatus.PAYLOAD_TOO_LARGE,
            ),
          );
        }
        return reject(
          new BadRequestException(`Upload refused: ${error.message} (${error.field ?? 'file'})`),
        );
      }
      if (error)
        return reject(new BadRequestException(`Upload refused: ${(error as Error).message}`));
      if (!file)
        return reject(
          new BadRequestException('Upload refused: no "file" field in a multipart body'),
        );
      resolve(file);
    });
  });
}

/** A session limit an upload hit, as a 413 naming it; other errors as they are. */
function tooLarge(error: unknown): unknown {
  return error instanceof SessionLimitError
    ? new HttpException(error.message, HttpStatus.PAYLOAD_TOO_LARGE)
    : error;
}
