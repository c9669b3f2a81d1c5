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
import { IsDefined, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested, } from 'class-validator';
/** The element as the client sends it back; its id, type and (to update) its new props. */
export class ElementRefDto {
}
__decorate([
    IsDefined(),
    IsUUID(),
    __metadata("design:type", String)
], ElementRefDto.prototype, "id", void 0);
__decorate([
    IsDefined(),
    IsString(),
    MaxLength(50),
    __metadata("design:type", String)
], ElementRefDto.prototype, "type", void 0);
__decorate([
    IsOptional(),
    IsObject(),
    __metadata("design:type", Object)
], ElementRefDto.prototype, "props", void 0);
/** `PUT /project/element` and `DELETE /project/element`: `{ sessionId, element }`. */
export class ElementRequestDto {
}
__decorate([
    IsDefined(),
    IsUUID(),
    __metadata("design:type", String)
], ElementRequestDto.prototype, "sessionId", void 0);
__decorate([
    IsDefined(),
    IsObject(),
    ValidateNested(),
    Type(() => ElementRefDto),
    __metadata("design:type", ElementRefDto)
], ElementRequestDto.prototype, "element", void 0);
//# sourceMappingURL=element-request.dto.js.map