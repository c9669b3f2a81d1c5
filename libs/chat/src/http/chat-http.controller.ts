import {
  Body,
  Controller,
  HttpCode,
  Post,
  Req,
  Res,
  UseFilters,
  ValidationPipe,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DetailExceptionFilter } from './detail-exception.filter.js';
import { SetSessionCookieDto } from './set-session-cookie.dto.js';

/** The name of the session-affinity cookie a load balancer can route on. */
export const SESSION_COOKIE = 'nest-chat-session';

const validation = new ValidationPipe({ forbidUnknownValues: true });

/** The HTTP routes the Chainlit client calls next to its socket. */
@Controller()
@UseFilters(DetailExceptionFilter)
export class ChatHttpController {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Sets the session-affinity cookie; the client calls it before it opens its socket. */
  @Post('set-session-cookie')
  @HttpCode(200)
  setSessionCookie(
    @Body(validation) body: SetSessionCookieDto,
    @Req() req: { secure?: boolean; protocol?: string },
    @Res({ passthrough: true }) res: unknown,
  ): { message: string } {
    const secure = req.secure === true || req.protocol === 'https' ? '; Secure' : '';
    const cookie = `${SESSION_COOKIE}=${body.session_id}; Path=/; HttpOnly; SameSite=Lax${secure}`;
    this.adapterHost.httpAdapter.setHeader(res, 'Set-Cookie', cookie);
    return { message: 'Session cookie set' };
  }
}
