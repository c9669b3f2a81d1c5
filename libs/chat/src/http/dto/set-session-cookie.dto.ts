import { IsUUID } from 'class-validator';

export class SetSessionCookieDto {
  @IsUUID()
  session_id!: string;
}
