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
import { IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested, } from 'class-validator';
export class ThreadsPaginationDto {
}
__decorate([
    IsDefined(),
    IsInt(),
    Min(1),
    Max(100),
    __metadata("design:type", Number)
], ThreadsPaginationDto.prototype, "first", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", Object)
], ThreadsPaginationDto.prototype, "cursor", void 0);
export class ThreadsFilterDto {
}
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(1000),
    __metadata("design:type", Object)
], ThreadsFilterDto.prototype, "search", void 0);
__decorate([
    IsOptional(),
    IsIn([0, 1]),
    __metadata("design:type", Object)
], ThreadsFilterDto.prototype, "feedback", void 0);
/** `POST /project/threads`: `{ pagination: { first, cursor? }, filter: { search?, feedback? } }`. */
export class ListThreadsDto {
}
__decorate([
    IsDefined(),
    IsObject(),
    ValidateNested(),
    Type(() => ThreadsPaginationDto),
    __metadata("design:type", ThreadsPaginationDto)
], ListThreadsDto.prototype, "pagination", void 0);
__decorate([
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(() => ThreadsFilterDto),
    __metadata("design:type", ThreadsFilterDto)
], ListThreadsDto.prototype, "filter", void 0);
//# sourceMappingURL=list-threads.dto.js.map