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
import { IsDefined, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested, } from 'class-validator';
export class FeedbackBodyDto {
}
__decorate([
    IsDefined(),
    IsString(),
    IsNotEmpty(),
    MaxLength(200),
    __metadata("design:type", String)
], FeedbackBodyDto.prototype, "forId", void 0);
__decorate([
    IsDefined(),
    IsIn([0, 1]),
    __metadata("design:type", Number)
], FeedbackBodyDto.prototype, "value", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(10_000),
    __metadata("design:type", Object)
], FeedbackBodyDto.prototype, "comment", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", Object)
], FeedbackBodyDto.prototype, "id", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", Object)
], FeedbackBodyDto.prototype, "threadId", void 0);
/** `PUT /feedback`: `{ feedback: { forId, value, comment?, id?, threadId? }, sessionId? }`. */
export class UpdateFeedbackDto {
}
__decorate([
    IsDefined(),
    IsObject(),
    ValidateNested(),
    Type(() => FeedbackBodyDto),
    __metadata("design:type", FeedbackBodyDto)
], UpdateFeedbackDto.prototype, "feedback", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", Object)
], UpdateFeedbackDto.prototype, "sessionId", void 0);
/** `DELETE /feedback`: `{ feedbackId }`. */
export class DeleteFeedbackDto {
}
__decorate([
    IsDefined(),
    IsString(),
    IsNotEmpty(),
    MaxLength(200),
    __metadata("design:type", String)
], DeleteFeedbackDto.prototype, "feedbackId", void 0);
//# sourceMappingURL=feedback.dto.js.map