var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { IsDefined, IsNotEmpty, IsOptional, IsString, IsUUID, ValidateIf, MaxLength, } from 'class-validator';
/** The socket handshake's `auth` object. */
export class HandshakeAuthDto {
}
__decorate([
    IsDefined(),
    IsString(),
    IsNotEmpty(),
    MaxLength(100),
    __metadata("design:type", String)
], HandshakeAuthDto.prototype, "clientType", void 0);
__decorate([
    IsDefined(),
    IsUUID(),
    __metadata("design:type", String)
], HandshakeAuthDto.prototype, "sessionId", void 0);
__decorate([
    IsOptional(),
    IsString(),
    ValidateIf((auth) => auth.threadId !== ''),
    IsUUID(undefined, { message: 'threadId must be a UUID or ""' }),
    __metadata("design:type", String)
], HandshakeAuthDto.prototype, "threadId", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(65_536),
    __metadata("design:type", String)
], HandshakeAuthDto.prototype, "userEnv", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(1000),
    __metadata("design:type", String)
], HandshakeAuthDto.prototype, "chatProfile", void 0);
//# sourceMappingURL=handshake-auth.dto.js.map