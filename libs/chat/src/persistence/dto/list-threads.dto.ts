import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class ThreadsPaginationDto {
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(100)
  first!: number;

  /** The `endCursor` of the page before. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string | null;
}

export class ThreadsFilterDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  search?: string | null;

  @IsOptional()
  @IsIn([0, 1])
  feedback?: 0 | 1 | null;
}

/** `POST /project/threads`: `{ pagination: { first, cursor? }, filter: { search?, feedback? } }`. */
export class ListThreadsDto {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ThreadsPaginationDto)
  pagination!: ThreadsPaginationDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ThreadsFilterDto)
  filter?: ThreadsFilterDto;
}
