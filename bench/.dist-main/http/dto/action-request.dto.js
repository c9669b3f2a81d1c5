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
import { IsDefined, IsNotEmpty, IsObject, IsString, IsUUID, MaxLength, ValidateNested, } from 'class-validator';
/** The clicked action, as the client sends it back; only its id and name are used. */
export class ActionRefDto {
}
__decorate([
    IsDefined(),
    IsUUID(),
    __metadata("design:type", String)
], ActionRefDto.prototype, "id", void 0);
__decorate([
    IsDefined(),
    IsString(),
    IsNotEmpty(),
    MaxLength(200),
    __metadata("design:type", String)
], ActionRefDto.prototype, "name", void 0);
/** `POST /project/action`: `{ sessionId, action }`. */
export class ActionRequestDto {
}
__decorate([
    IsDefined(),
    IsUUID(),
    __metadata("design:type", String)
], ActionRequestDto.prototype, "sessionId", void 0);
__decorate([
    IsDefined(),
    IsObject(),
    ValidateNested(),
    Type(() => ActionRefDto),
    __metadata("design:type", ActionRefDto)
], ActionRequestDto.prototype, "action", void 0);
//# sourceMappingURL=action-request.dto.js.map