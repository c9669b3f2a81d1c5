import { IsDefined, IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** `DELETE /project/thread`: `{ threadId }`. */
export class ThreadRefDto {
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  threadId!: string;
}
