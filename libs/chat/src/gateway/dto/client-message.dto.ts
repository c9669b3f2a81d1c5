import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** The user's message, as a step. Only `output` is required; the Chainlit client sends all. */
export class ClientStepDto {
  @IsOptional()
  @IsUUID()
  id?: string;

  @IsDefined()
  @IsString()
  output!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsIn(['user_message'])
  type?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  threadId?: string;

  @IsOptional()
  @IsISO8601()
  createdAt?: string;

  /** The slash command the user picked. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  command?: string;
}

export class FileReferenceDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id!: string;
}

/** `client_message`: `{ message: Step, fileReferences?: [{ id }] }`. */
export class ClientMessageDto {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ClientStepDto)
  message!: ClientStepDto;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FileReferenceDto)
  fileReferences?: FileReferenceDto[];
}

/** The edited message: its id is required. */
export class EditedStepDto extends ClientStepDto {
  @IsDefined()
  @IsUUID()
  declare id: string;
}

/** `edit_message`: `{ message: Step }`. */
export class EditMessageDto {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EditedStepDto)
  message!: EditedStepDto;
}
