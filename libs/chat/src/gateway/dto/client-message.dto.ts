import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
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

/** The message's metadata as the client sends it back: only `favorite` is read. */
export class FavoriteMetadataDto {
  @IsOptional()
  @IsBoolean()
  favorite?: boolean;
}

/** The message the user starred or unstarred, as the client shows it. */
export class FavoriteStepDto {
  @IsDefined()
  @IsUUID()
  id!: string;

  @IsOptional()
  @IsString()
  output?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  parentId?: string;

  @IsOptional()
  @IsISO8601()
  createdAt?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FavoriteMetadataDto)
  metadata?: FavoriteMetadataDto;
}

/** `message_favorite`: `{ message: Step }`, its `metadata.favorite` the new state. */
export class MessageFavoriteDto {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FavoriteStepDto)
  message!: FavoriteStepDto;
}
