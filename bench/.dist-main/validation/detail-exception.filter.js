var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Catch, HttpException, HttpStatus, Logger, } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
/** Errors of the chat HTTP routes answer `{ detail }`, as the Chainlit client reads them. */
let DetailExceptionFilter = class DetailExceptionFilter {
    constructor(adapterHost) {
        this.adapterHost = adapterHost;
        this.logger = new Logger('ChatHttp');
    }
    catch(exception, host) {
        const ctx = host.switchToHttp();
        let status = HttpStatus.INTERNAL_SERVER_ERROR;
        let detail = 'Internal server error';
        if (exception instanceof HttpException) {
            status = exception.getStatus();
            const body = exception.getResponse();
            const message = typeof body === 'string' ? body : body.message;
            detail = Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
        }
        else {
            this.logger.error('Unhandled error in a chat route', exception?.stack);
        }
        this.adapterHost.httpAdapter.reply(ctx.getResponse(), { detail }, status);
    }
};
DetailExceptionFilter = __decorate([
    Catch(),
    __metadata("design:paramtypes", [HttpAdapterHost])
], DetailExceptionFilter);
export { DetailExceptionFilter };
//# sourceMappingURL=detail-exception.filter.js.map