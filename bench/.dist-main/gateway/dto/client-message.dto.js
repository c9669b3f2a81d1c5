var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDefined, IsIn, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested, } from 'class-validator';
/** The user's message, as a step. Only `output` is required; the Chainlit client sends all. */
export class ClientStepDto {
}
__decorate([
    IsOptional(),
    IsUUID(),
    __metadata("design:type", String)
], ClientStepDto.prototype, "id", void 0);
__decorate([
    IsDefined(),
    IsString(),
    __metadata("design:type", String)
], ClientStepDto.prototype, "output", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], ClientStepDto.prototype, "name", void 0);
__decorate([
    IsOptional(),
    IsIn(['user_message']),
    __metadata("design:type", String)
], ClientStepDto.prototype, "type", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], ClientStepDto.prototype, "threadId", void 0);
__decorate([
    IsOptional(),
    IsISO8601(),
    __metadata("design:type", String)
], ClientStepDto.prototype, "createdAt", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], ClientStepDto.prototype, "command", void 0);
export class FileReferenceDto {
}
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(200),
    __metadata("design:type", String)
], FileReferenceDto.prototype, "id", void 0);
/** `client_message`: `{ message: Step, fileReferences?: [{ id }] }`. */
export class ClientMessageDto {
}
__decorate([
    IsDefined(),
    IsObject(),
    ValidateNested(),
    Type(() => ClientStepDto),
    __metadata("design:type", ClientStepDto)
], ClientMessageDto.prototype, "message", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    ValidateNested({ each: true }),
    Type(() => FileReferenceDto),
    __metadata("design:type", Array)
], ClientMessageDto.prototype, "fileReferences", void 0);
/** The edited message: its id is required. */
export class EditedStepDto extends ClientStepDto {
}
__decorate([
    IsDefined(),
    IsUUID(),
    __metadata("design:type", String)
], EditedStepDto.prototype, "id", void 0);
/** `edit_message`: `{ message: Step }`. */
export class EditMessageDto {
}
__decorate([
    IsDefined(),
    IsObject(),
    ValidateNested(),
    Type(() => EditedStepDto),
    __metadata("design:type", EditedStepDto)
], EditMessageDto.prototype, "message", void 0);
/** The message's metadata as the client sends it back: only `favorite` is read. */
export class FavoriteMetadataDto {
}
__decorate([
    IsOptional(),
    IsBoolean(),
    __metadata("design:type", Boolean)
], FavoriteMetadataDto.prototype, "favorite", void 0);
/** The message the user starred or unstarred, as the client shows it. */
export class FavoriteStepDto {
}
__decorate([
    IsDefined(),
    IsUUID(),
    __metadata("design:type", String)
], FavoriteStepDto.prototype, "id", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], FavoriteStepDto.prototype, "output", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], FavoriteStepDto.prototype, "name", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(100),
    __metadata("design:type", String)
], FavoriteStepDto.prototype, "type", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], FavoriteStepDto.prototype, "parentId", void 0);
__decorate([
    IsOptional(),
    IsISO8601(),
    __metadata("design:type", String)
], FavoriteStepDto.prototype, "createdAt", void 0);
__decorate([
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(() => FavoriteMetadataDto),
    __metadata("design:type", FavoriteMetadataDto)
], FavoriteStepDto.prototype, "metadata", void 0);
/** `message_favorite`: `{ message: Step }`, its `metadata.favorite` the new state. */
export class MessageFavoriteDto {
}
__decorate([
    IsDefined(),
    IsObject(),
    ValidateNested(),
    Type(() => FavoriteStepDto),
    __metadata("design:type", FavoriteStepDto)
], MessageFavoriteDto.prototype, "message", void 0);
//# sourceMappingURL=client-message.dto.js.map