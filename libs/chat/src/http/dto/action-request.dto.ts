import { Type } from 'class-transformer';
import {
  IsDefined,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** The clicked action, as the client sends it back; only its id and name are used. */
export class ActionRefDto {
  @IsDefined()
  @IsUUID()
  id!: string;

  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

/** `POST /project/action`: `{ sessionId, action }`. */
export class ActionRequestDto {
  @IsDefined()
  @IsUUID()
  sessionId!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ActionRefDto)
  action!: ActionRefDto;
}
