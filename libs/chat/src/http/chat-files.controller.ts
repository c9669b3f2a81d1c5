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
import { open } from 'node:fs/promises';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { ChatAuth } from '../auth/chat-auth.js';
import type { ChatRequestHeaders } from '../protocol/chat-user.interface.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { SessionLimitError } from '../errors/session-limit.error.js';
import { UploadBytesInFlight } from '../limits/upload-bytes-in-flight.js';
import type { AskSpec } from '../protocol/chat-event.interface.js';
import type { ChatSession } from '../session/chat-session.js';
import { ChatSessions } from '../session/chat-sessions.js';
import {
  accepts,
  diskSessionFile,
  removeFileBytes,
  sessionFile,
  type FileReservation,
} from '../session/session-files.js';
import { chatValidation } from '../validation/chat-validation.pipe.js';
import { DetailExceptionFilter } from '../validation/detail-exception.filter.js';
import { FileQueryDto } from './dto/file-query.dto.js';
import { UploadTempDir } from './upload-temp-dir.js';
import { nodeRequestOf } from '../protocol/node-request.js';
import { servedFile } from '../protocol/served-file.js';

const MB = 1024 * 1024;
/** Uploads whose whole body is at most this are kept in memory; larger ones go to a file. */
const IN_MEMORY_BYTES = 1024 * 1024;
/**
 * What a multipart body may hold besides the file's bytes (boundaries, part headers, a few small
 * fields), for how large the file in a body of `Content-Length` bytes can be at least.
 */
const FRAMING_BYTES = 16 * 1024;

type FileSpec = Extract<AskSpec, { type: 'file' }>;

/** Uploads (`POST /project/file`) and the bytes of a session's files (`GET /project/file/{id}`). */
@Controller('project/file')
@UseFilters(DetailExceptionFilter)
export class ChatFilesController {
  /** The bytes all uploads are receiving now (the `maxUploadBytesInFlight` option). */
  private readonly inFlight: UploadBytesInFlight;

  constructor(
    @Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly sessions: ChatSessions,
    private readonly auth: ChatAuth,
    private readonly tempDir: UploadTempDir,
  ) {
    this.inFlight = new UploadBytesInFlight(options.maxUploadBytesInFlight);
  }

  /**
   * A multipart upload (field `file`) for a session: an attachment of the next message, or an
   * answer to a file ask (`ask_parent_id`), whose `accept`, `max_files`, `max_size_mb` apply.
   * Before its body is read it reserves its room in the session's limits and in
   * `maxUploadBytesInFlight`, or is refused (413, 503); a body over 1 MiB is written to disk.
   */
  @Post()
  @HttpCode(200)
  async upload(
    @Query(chatValidation) query: FileQueryDto,
    @Req() req: { headers: ChatRequestHeaders & IncomingHttpHeaders },
  ): Promise<{ id: string; name: string; type: string; size: number }> {
    const session = await this.sessionOf(query.session_id, req);
    const limits = this.limitsFor(session, query.ask_parent_id);
    const maxBytes = Math.floor(limits.maxSizeMb * MB);
    const length = contentLength(req.headers);
    // The body is not read yet: a file that cannot fit is refused now.
    const least = length === undefined ? 0 : Math.max(0, length - FRAMING_BYTES);
    if (least > maxBytes) throw fileTooLarge(limits.maxSizeMb);
    let reservation: FileReservation;
    try {
      reservation = session.files.reserve(least, 'Upload', Math.min(maxBytes, length ?? maxBytes));
    } catch (error) {
      throw tooLarge(error);
    }
    // At most what fits the reservation (give or take the framing) and the upload's own limit.
    const limit = Math.min(maxBytes, length ?? maxBytes, reservation.bytes + FRAMING_BYTES);
    const giveBack = this.inFlight.take(limit);
    if (!giveBack) {
      reservation.release();
      throw new HttpException(
        `Too many uploads at once: ${this.inFlight.bytes} bytes are being received, and ${limit} more would pass the limit of ${this.inFlight.limit} (the maxUploadBytesInFlight option); try again later`,
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    try {
      const dir =
        length !== undefined && length <= IN_MEMORY_BYTES ? undefined : await this.tempDir.get();
      const file = await receive(nodeRequestOf(req), limit, dir, () =>
        limit < maxBytes ? tooLarge(reservation.overflow(limit)) : fileTooLarge(limits.maxSizeMb),
      );
      try {
        return this.keep(session, file, reservation, limits, query.ask_parent_id);
      } catch (error) {
        removeFileBytes(file);
        throw error;
      }
    } finally {
      reservation.release();
      giveBack();
    }
  }

  /** Checks a received file against the upload's limits and keeps it in the session. */
  private keep(
    session: ChatSession,
    file: Express.Multer.File,
    reservation: FileReservation,
    limits: { accept: FileSpec['accept']; maxFiles: number },
    askId: string | undefined,
  ): { id: string; name: string; type: string; size: number } {
    if (!accepts(limits.accept, file.originalname, file.mimetype)) {
      throw new HttpException(
        `File type "${file.mimetype}" of "${file.originalname}" is not accepted (accepted: ${JSON.stringify(limits.accept)})`,
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      );
    }
    if (askId && session.files.countFor(askId) >= limits.maxFiles) {
      throw new BadRequestException(`At most ${limits.maxFiles} file(s) for this question`);
    }
    if (session.files.ended) throw new NotFoundException('Session not found');
    const stored = file.path
      ? diskSessionFile(file.originalname, file.mimetype, file.path, file.size, askId)
      : sessionFile(file.originalname, file.mimetype, file.buffer, askId);
    try {
      reservation.commit(stored);
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
    // The session's own caller only (its user, or with login off its browser's identity).
    const session = this.sessions.get(query.session_id);
    const owned = session && this.auth.owns(await this.auth.callerOf(req), session);
    const file = owned ? session.files.get(id) : undefined;
    if (!file) throw new NotFoundException('File not found');
    const adapter = this.adapterHost.httpAdapter;
    if (file.content) return servedFile(adapter, res, file, file.content);
    // Opened now, it is served whole even if the session lets go of it meanwhile.
    const handle = await open(file.path as string, 'r').catch(() => undefined);
    if (!handle) throw new NotFoundException('File not found');
    return servedFile(adapter, res, file, handle.createReadStream());
  }

  /** The session, if the caller may reach it: its own (its user's, or its browser's). */
  private async sessionOf(id: string, req: { headers: ChatRequestHeaders }): Promise<ChatSession> {
    const session = this.sessions.get(id);
    const owned = session && this.auth.owns(await this.auth.callerOf(req), session);
    if (!session || !owned || session.files.ended) {
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

/** The request's `Content-Length`, if it gives one. */
function contentLength(headers: IncomingHttpHeaders): number | undefined {
  const value = headers['content-length'];
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

function fileTooLarge(maxSizeMb: number): HttpException {
  return new HttpException(`File too large: at most ${maxSizeMb} MB`, HttpStatus.PAYLOAD_TOO_LARGE);
}

/**
 * Reads the multipart body's one `file` field from the Node request (on Express and Fastify
 * alike), at most `maxBytes` of it (past them: the error `overflow` gives): into memory, or into
 * a file in `dir` if one is given. A request that fails or is aborted rejects, and a file it
 * began on disk is removed.
 */
function receive(
  req: IncomingMessage,
  maxBytes: number,
  dir: string | undefined,
  overflow: () => unknown,
): Promise<Express.Multer.File> {
  const parse = multer({
    storage: dir
      ? multer.diskStorage({ destination: (_req, _file, done) => done(null, dir) })
      : multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
  }).single('file');
  return new Promise((resolve, reject) => {
    if (req.destroyed) {
      return reject(new BadRequestException('Upload refused: the request was aborted'));
    }
    // multer reads the request only: it is given no response.
    parse(req as never, undefined as never, (error: unknown) => {
      const file = (req as { file?: Express.Multer.File }).file;
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') return reject(overflow());
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
