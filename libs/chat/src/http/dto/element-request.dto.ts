import { Type } from 'class-transformer';
import {
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** The element as the client sends it back; its id, type and (to update) its new props. */
export class ElementRefDto {
  @IsDefined()
  @IsUUID()
  id!: string;

  @IsDefined()
  @IsString()
  @MaxLength(50)
  type!: string;

  @IsOptional()
  @IsObject()
  props?: Record<string, unknown>;
}

/** `PUT /project/element` and `DELETE /project/element`: `{ sessionId, element }`. */
export class ElementRequestDto {
  @IsDefined()
  @IsUUID()
  sessionId!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ElementRefDto)
  element!: ElementRefDto;
}
