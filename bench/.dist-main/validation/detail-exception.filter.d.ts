import { type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
/** Errors of the chat HTTP routes answer `{ detail }`, as the Chainlit client reads them. */
export declare class DetailExceptionFilter implements ExceptionFilter {
    private readonly adapterHost;
    private readonly logger;
    constructor(adapterHost: HttpAdapterHost);
    catch(exception: unknown, host: ArgumentsHost): void;
}
