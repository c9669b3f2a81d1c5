import { IsDefined, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ThreadRefDto } from './thread-ref.dto.js';

/** `PUT /project/thread`: `{ threadId, name }`. */
export class RenameThreadDto extends ThreadRefDto {
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name!: string;
}
