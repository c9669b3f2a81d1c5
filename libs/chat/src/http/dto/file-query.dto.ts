import { IsDefined, IsOptional, IsUUID } from 'class-validator';

/** `?session_id=&ask_parent_id=` of the file routes. */
export class FileQueryDto {
  @IsDefined()
  @IsUUID()
  session_id!: string;

  /** The file ask an upload answers. */
  @IsOptional()
  @IsUUID()
  ask_parent_id?: string;
}
