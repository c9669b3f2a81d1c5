import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/** Errors of the chat HTTP routes answer `{ detail }`, as the Chainlit client reads them. */
@Catch()
export class DetailExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ChatHttp');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let detail = 'Internal server error';
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      detail = Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
    } else {
      this.logger.error('Unhandled error in a chat route', (exception as Error)?.stack);
    }
    this.adapterHost.httpAdapter.reply(ctx.getResponse(), { detail }, status);
  }
}
