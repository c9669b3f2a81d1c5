import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class FeedbackBodyDto {
  /** The step (message) it is about. */
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  forId!: string;

  @IsDefined()
  @IsIn([0, 1])
  value!: 0 | 1;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  comment?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  id?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  threadId?: string | null;
}

/** `PUT /feedback`: `{ feedback: { forId, value, comment?, id?, threadId? }, sessionId? }`. */
export class UpdateFeedbackDto {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FeedbackBodyDto)
  feedback!: FeedbackBodyDto;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  sessionId?: string | null;
}

/** `DELETE /feedback`: `{ feedbackId }`. */
export class DeleteFeedbackDto {
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  feedbackId!: string;
}
